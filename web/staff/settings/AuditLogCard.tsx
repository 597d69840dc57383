import { Alert, Button, Code, Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Page } from '../../../contracts/page';
import { LoadError, Loading } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { adminKeys, useAdminUsers } from '../admin/queries';
import { SettingsCard } from './SettingsCard';

interface AuditEntry {
  id: string;
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
}

interface Verdict {
  ok: boolean;
  entries: number;
  firstBadEntryId?: string;
  problem?: string;
}

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** The newest audit entries, filtered by action, and the hash-chain check. */
export function AuditLogCard() {
  const api = useApi();
  const [action, setAction] = useState('');
  const [debounced] = useDebouncedValue(action.trim(), 300);
  const entries = useQuery({
    queryKey: adminKeys.audit(debounced),
    queryFn: () =>
      api.get<Page<AuditEntry>>(
        `/api/v1/audit?limit=25${debounced ? `&action=${encodeURIComponent(debounced)}` : ''}`,
      ),
  });
  const verify = useMutation({ mutationFn: () => api.get<Verdict>('/api/v1/audit/verify') });
  const users = useAdminUsers();
  const nameOf = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
  const who = (e: AuditEntry) =>
    e.actorType === 'user' && e.actorId ? (nameOf.get(e.actorId) ?? 'A user') : e.actorType;
  return (
    <SettingsCard
      title="Audit log"
      description="Every sign-in, read of secure content, membership change and setting, chained so tampering shows."
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Action"
          placeholder="e.g. user.updated"
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
          w={240}
        />
        <Button
          variant="default"
          leftSection={<IconShieldCheck size={16} aria-hidden />}
          onClick={() => verify.mutate()}
          loading={verify.isPending}
        >
          Verify the chain
        </Button>
      </Group>
      {verify.data && (
        <Alert
          color={verify.data.ok ? 'teal' : 'red'}
          role="status"
          title={verify.data.ok ? 'Intact' : 'Broken'}
        >
          {verify.data.ok
            ? `All ${verify.data.entries} entries link up and match their hashes.`
            : `The chain breaks (${verify.data.problem ?? 'bad entry'})${
                verify.data.firstBadEntryId ? ` at entry ${verify.data.firstBadEntryId}` : ''
              }.`}
        </Alert>
      )}
      {verify.isError && (
        <Alert color="red" role="alert" title="Could not verify">
          {describeError(verify.error)}
        </Alert>
      )}
      {entries.isPending ? (
        <Loading label="Loading the audit log" />
      ) : entries.isError ? (
        <LoadError
          title="The audit log could not be loaded"
          error={entries.error}
          onRetry={() => entries.refetch()}
        />
      ) : entries.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No entries{debounced ? ` for “${debounced}”` : ''}.
        </Text>
      ) : (
        // No scroll container: on a phone the "By" column goes and the rest fits, so nothing scrolls
        // sideways out of keyboard reach.
        <Table aria-label="Audit entries" verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
              <Table.Th scope="col" visibleFrom="sm">
                By
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.data.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{timeFormat.format(new Date(e.at))}</Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-word' }}>{e.action}</Code>
                </Table.Td>
                <Table.Td visibleFrom="sm">{who(e)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SettingsCard>
  );
}
