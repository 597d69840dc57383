import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Contact } from '../../../contracts/contacts';
import type { Matter as MatterDetail } from '../../../contracts/matters';
import type { Page } from '../../../contracts/page';
import { useApi } from '../../ui/Providers';
import { fieldError, formError } from '../admin/queries';
import { useUsers } from '../secure-chat/queries';

/** Opens a matter, or (with `matter`) renames and reassigns it. */
export function MatterFormDialog({
  opened,
  matter,
  onClose,
  onSaved,
}: {
  opened: boolean;
  matter?: MatterDetail;
  onClose: () => void;
  onSaved: (matter: MatterDetail) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={matter ? 'Edit matter' : 'New matter'} centered size="lg">
      <MatterForm matter={matter} onCancel={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function MatterForm({
  matter,
  onCancel,
  onSaved,
}: {
  matter?: MatterDetail;
  onCancel: () => void;
  onSaved: (matter: MatterDetail) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const users = useUsers();
  const contacts = useQuery({
    queryKey: ['contacts', 'list', { all: true }],
    queryFn: () => api.get<Page<Contact>>('/api/v1/contacts?limit=200'),
    enabled: !matter,
  });
  const [number, setNumber] = useState('');
  const [name, setName] = useState(matter?.name ?? '');
  const [ownerId, setOwnerId] = useState<string | null>(matter?.ownerId ?? null);
  const [assigneeIds, setAssigneeIds] = useState(matter?.assigneeIds ?? []);
  const [contactIds, setContactIds] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () =>
      matter
        ? api.patch<MatterDetail>(`/api/v1/matters/${encodeURIComponent(matter.id)}`, {
            name,
            ownerId: ownerId ?? undefined,
            assigneeIds,
          })
        : api.post<MatterDetail>('/api/v1/matters', { number, name, ownerId, assigneeIds, contactIds }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['matters'] });
      onSaved(saved);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const people = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const err = (field: string) => fieldError(save.error, `body.${field}`);
  const general = formError(save.error);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {!matter && (
          <TextInput
            label="Matter number"
            required
            data-autofocus
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={err('number')}
          />
        )}
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={err('name')}
          data-autofocus={matter ? true : undefined}
        />
        <Select
          label="Owner"
          description="The responsible attorney"
          data={people}
          value={ownerId}
          onChange={setOwnerId}
          searchable
          required
          error={err('ownerId')}
        />
        <MultiSelect
          label="Assignees"
          data={people}
          value={assigneeIds}
          onChange={setAssigneeIds}
          searchable
          error={err('assigneeIds')}
        />
        {!matter && (
          <MultiSelect
            label="Clients"
            placeholder={contacts.isPending ? 'Loading contacts…' : 'Link contacts'}
            data={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={contactIds}
            onChange={setContactIds}
            searchable
            error={err('contactIds')}
          />
        )}
        {general && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Not saved">
            {general}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {matter ? 'Save' : 'Open matter'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
