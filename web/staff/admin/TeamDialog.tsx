import { Alert, Button, Group, Modal, MultiSelect, NativeSelect, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../ui/Providers';
import { adminKeys, fieldError, formError, type Team, useAdminUsers } from './queries';

/** Creates a team or circle, or (with `team`) replaces its members. */
export function TeamDialog({
  opened,
  team,
  onClose,
}: {
  opened: boolean;
  team: Team | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={team ? `Members of ${team.name}` : 'New team or circle'}
      centered
    >
      <TeamForm key={team?.id ?? 'new'} team={team} onDone={onClose} />
    </Modal>
  );
}

function TeamForm({ team, onDone }: { team: Team | null; onDone: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const users = useAdminUsers();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Team['kind']>('team');
  const [memberIds, setMemberIds] = useState(team?.memberIds ?? []);
  const save = useMutation({
    mutationFn: () =>
      team
        ? api.put<Team>(`/api/v1/teams/${encodeURIComponent(team.id)}/members`, { userIds: memberIds })
        : api.post<Team>('/api/v1/teams', { name, kind, memberIds }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.teams });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const general = formError(save.error);
  const people = (users.data?.items ?? [])
    .filter((u) => u.active)
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {!team && (
          <>
            <TextInput
              label="Name"
              required
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(save.error, 'body.name')}
            />
            <NativeSelect
              label="Kind"
              description="Teams route Message Center conversations; circles are groups people write to."
              data={[
                { value: 'team', label: 'Team' },
                { value: 'circle', label: 'Circle' },
              ]}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as Team['kind'])}
            />
          </>
        )}
        <MultiSelect
          label="Members"
          placeholder={users.isPending ? 'Loading users…' : 'Pick people'}
          data={people}
          value={memberIds}
          onChange={setMemberIds}
          searchable
          data-autofocus={team ? true : undefined}
          error={fieldError(save.error, team ? 'body.userIds' : 'body.memberIds')}
        />
        {general && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Not saved">
            {general}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {team ? 'Save members' : 'Create'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
