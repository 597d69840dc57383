import { Alert, Button, Group, Modal, NativeSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../ui/Providers';
import { type AdminUser, fieldError, formError, roles } from './queries';

/**
 * Adds a colleague with a first password the admin passes on (the user changes it from the account
 * menu). The role's default permissions apply; the user dialog adjusts them afterwards.
 */
export function NewUserDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add a user" centered>
      <NewUserForm onDone={onClose} />
    </Modal>
  );
}

function NewUserForm({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ name: '', email: '', role: 'attorney', password: '' });
  const create = useMutation({
    mutationFn: () => api.post<AdminUser>('/api/v1/users', values),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const err = (field: string) => fieldError(create.error, `body.${field}`);
  const general = formError(create.error);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          data-autofocus
          value={values.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={err('name')}
        />
        <TextInput
          label="E-mail"
          type="email"
          required
          value={values.email}
          onChange={(e) => set('email')(e.currentTarget.value)}
          error={err('email')}
        />
        <NativeSelect
          label="Role"
          data={roles.map((r) => ({ value: r, label: r[0]?.toUpperCase() + r.slice(1) }))}
          value={values.role}
          onChange={(e) => set('role')(e.currentTarget.value)}
          error={err('role')}
        />
        <PasswordInput
          label="First password"
          description="At least 12 characters; the user changes it after signing in."
          required
          value={values.password}
          onChange={(e) => set('password')(e.currentTarget.value)}
          error={err('password')}
        />
        {general && (
          <Alert
            color="red"
            icon={<IconAlertCircle aria-hidden />}
            role="alert"
            title="The user was not added"
          >
            {general}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
