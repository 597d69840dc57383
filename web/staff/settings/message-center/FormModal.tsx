import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { MountedModal } from '../../../ui/MountedModal';
import { formError } from '../../admin/queries';

/** A dialog around one setup form, mounted while open: its fields, any error that names no field, Cancel and Save. */
export function FormModal({
  title,
  saveLabel,
  pending,
  error,
  onClose,
  onSubmit,
  children,
}: {
  title: string;
  saveLabel: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const message = formError(error);
  return (
    <MountedModal onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {children}
          {message && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Not saved">
              {message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {saveLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </MountedModal>
  );
}
