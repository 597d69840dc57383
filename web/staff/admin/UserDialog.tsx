import {
  Alert,
  Button,
  Checkbox,
  Code,
  Divider,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { type AdminUser, adminKeys, permissionLabels, roles, useFirmSettings } from './queries';

/** Everything an admin changes about one colleague: role, permissions, time capture, account resets. */
export function UserDialog({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? `Manage ${user.name}` : ''}
      size="lg"
      centered
    >
      {user && <UserForm key={user.id} user={user} />}
    </Modal>
  );
}

function UserForm({ user }: { user: AdminUser }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useFirmSettings();
  const [role, setRole] = useState(user.role);
  const [permissions, setPermissions] = useState(user.permissions);
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: adminKeys.settings });
  };
  const path = `/api/v1/users/${encodeURIComponent(user.id)}`;
  const save = useMutation({
    mutationFn: () => api.patch<AdminUser>(path, { role, permissions }),
    onSuccess: refresh,
  });
  const setActive = useMutation({
    mutationFn: (active: boolean) => api.patch<AdminUser>(path, { active }),
    onSuccess: refresh,
  });
  const resetPassword = useMutation({
    mutationFn: () => api.post<{ temporaryPassword: string }>(`${path}/reset-password`),
    onSuccess: (r) => setTemporaryPassword(r.temporaryPassword),
  });
  const resetTotp = useMutation({
    mutationFn: () => api.post<AdminUser>(`${path}/reset-totp`),
    onSuccess: refresh,
  });
  const timeCapture = useMutation({
    mutationFn: (enabled: boolean) => api.put(`${path}/time-capture`, { enabled }),
    onSuccess: refresh,
  });
  const capturing = !settings.data?.timeCapture.disabledUserIds.includes(user.id);
  const failure = [save, setActive, resetPassword, resetTotp, timeCapture].find((m) => m.error)?.error;
  // An admin holds every permission whatever the list says, so the boxes would only mislead.
  const isAdmin = role === 'admin';

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {user.email}
      </Text>
      <NativeSelect
        label="Role"
        data={roles.map((r) => ({ value: r, label: r[0]?.toUpperCase() + r.slice(1) }))}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as AdminUser['role'])}
      />
      <Checkbox.Group
        label="Permissions"
        description={isAdmin ? 'Administrators hold every permission.' : undefined}
        value={isAdmin ? Object.keys(permissionLabels) : permissions}
        onChange={setPermissions}
      >
        <Stack gap={6} mt="xs">
          {Object.entries(permissionLabels).map(([value, label]) => (
            <Checkbox key={value} value={value} label={label} disabled={isAdmin} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          Save role and permissions
        </Button>
      </Group>
      {save.isSuccess && (
        <Text size="sm" role="status">
          Saved.
        </Text>
      )}
      <Divider />
      <Switch
        label="Capture this user's time automatically"
        description="Off: texts and e-mails of this user create no billable events."
        checked={capturing}
        disabled={settings.isPending || timeCapture.isPending}
        onChange={(e) => timeCapture.mutate(e.currentTarget.checked)}
      />
      <Divider />
      <Group gap="sm">
        <Button variant="default" onClick={() => resetPassword.mutate()} loading={resetPassword.isPending}>
          Reset password
        </Button>
        <Button
          variant="default"
          onClick={() => resetTotp.mutate()}
          loading={resetTotp.isPending}
          disabled={!user.totpEnabled}
        >
          Reset two-factor sign-in
        </Button>
        <Button
          variant="light"
          color={user.active ? 'red' : 'parley'}
          onClick={() => setActive.mutate(!user.active)}
          loading={setActive.isPending}
        >
          {user.active ? 'Deactivate' : 'Reactivate'}
        </Button>
      </Group>
      {temporaryPassword && (
        <Alert color="parley" title="New password" role="status">
          <Text size="sm">
            Pass this password on to {user.name}; it is shown only now: <Code>{temporaryPassword}</Code>
          </Text>
        </Alert>
      )}
      {failure && (
        <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="That did not work">
          {describeError(failure)}
        </Alert>
      )}
    </Stack>
  );
}
