import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { formError } from '../../admin/queries';

/** A dialog around one setup form: its fields, any error that names no field, Cancel and Save. */
export function FormModal({
  opened,
  title,
  saveLabel,
  pending,
  error,
  onClose,
  onSubmit,
  children,
}: {
  opened: boolean;
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
    <Modal opened={opened} onClose={onClose} title={title} centered>
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
    </Modal>
  );
}
