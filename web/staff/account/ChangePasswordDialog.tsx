import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../ui/Providers';
import {
  checkPasswordChange,
  MIN_STAFF_PASSWORD_LENGTH,
  type PasswordChangeErrors,
  type PasswordChangeValues,
  passwordChangeFailure,
} from './change-password';

/**
 * The staff user's own password change, opened from the account menu. The server ends the user's other
 * sessions (and their live connections); this one stays signed in.
 */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Change password" centered>
      {/* Mounted on opening: each opening starts empty, and no typed password outlives the dialog. */}
      <ChangePasswordForm onDone={onClose} />
    </Modal>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const [values, setValues] = useState<PasswordChangeValues>({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [errors, setErrors] = useState<PasswordChangeErrors>({});
  const change = useMutation({
    mutationFn: (v: PasswordChangeValues) =>
      api.post<void>('/api/v1/me/password', {
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      }),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        title: 'Password changed',
        message: 'You were signed out everywhere else.',
      });
      onDone();
    },
    onError: (error) => setErrors(passwordChangeFailure(error)),
  });

  const field = (name: keyof PasswordChangeValues) => ({
    value: values[name],
    error: errors[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = checkPasswordChange(values);
    setErrors(found);
    if (Object.keys(found).length === 0) change.mutate(values);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">Changing your password signs you out on every other device and browser.</Text>
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          data-autofocus
          {...field('currentPassword')}
        />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_STAFF_PASSWORD_LENGTH} characters`}
          autoComplete="new-password"
          required
          {...field('newPassword')}
        />
        <PasswordInput
          label="Confirm new password"
          autoComplete="new-password"
          required
          {...field('confirmPassword')}
        />
        {errors.form && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Password not changed">
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={change.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
