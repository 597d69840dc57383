import { Alert, Button, Group, Select } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Contact } from '../../../contracts/contacts';
import type { Matter as MatterDetail } from '../../../contracts/matters';
import type { Page } from '../../../contracts/page';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';

/** Picks a contact of the firm and links it to the matter. */
export function LinkContactControl({ matter }: { matter: MatterDetail }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [contactId, setContactId] = useState<string | null>(null);
  const contacts = useQuery({
    queryKey: ['contacts', 'list', { all: true }],
    queryFn: () => api.get<Page<Contact>>('/api/v1/contacts?limit=200'),
  });
  const link = useMutation({
    mutationFn: (id: string) =>
      api.post(`/api/v1/matters/${encodeURIComponent(matter.id)}/contacts`, { contactId: id }),
    onSuccess: () => {
      setContactId(null);
      void queryClient.invalidateQueries({ queryKey: ['matters'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
  const options = (contacts.data?.items ?? [])
    .filter((c) => !matter.contactIds.includes(c.id))
    .map((c) => ({ value: c.id, label: c.name }));
  return (
    <>
      <Group align="flex-end" gap="sm">
        <Select
          label="Link a contact"
          placeholder={contacts.isPending ? 'Loading contacts…' : 'Pick a contact'}
          data={options}
          value={contactId}
          onChange={setContactId}
          searchable
          w={260}
        />
        <Button
          variant="default"
          disabled={!contactId}
          loading={link.isPending}
          onClick={() => contactId && link.mutate(contactId)}
        >
          Link
        </Button>
      </Group>
      {link.isError && (
        <Alert color="red" role="alert" title="Not linked">
          {describeError(link.error)}
        </Alert>
      )}
    </>
  );
}
