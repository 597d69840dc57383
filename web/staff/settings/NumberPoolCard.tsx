import { ActionIcon, Alert, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Page } from '../../../contracts/page';
import { LoadError, Loading } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { adminKeys, fieldError, formError } from '../admin/queries';
import { SettingsCard } from './SettingsCard';

interface PoolNumber {
  number: string;
  label: string | null;
  openThreads: number;
}

/** The firm's secure-chat numbers: each open thread texts a client through one of them. */
export function NumberPoolCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const numbers = useQuery({
    queryKey: adminKeys.numbers,
    queryFn: () => api.get<Page<PoolNumber>>('/api/v1/secure-chat/numbers'),
  });
  const [number, setNumber] = useState('');
  const [label, setLabel] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.numbers });
  const add = useMutation({
    mutationFn: () =>
      api.post<PoolNumber>('/api/v1/secure-chat/numbers', {
        number: number.trim(),
        ...(label ? { label } : {}),
      }),
    onSuccess: () => {
      setNumber('');
      setLabel('');
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (n: string) => api.delete(`/api/v1/secure-chat/numbers/${encodeURIComponent(n)}`),
    onSuccess: () => void refresh(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const problem = formError(add.error) ?? formError(remove.error);
  return (
    <SettingsCard
      title="Secure-chat numbers"
      description="The firm's texting numbers. Clients see one of them; a number in use by open threads cannot be removed."
    >
      {numbers.isPending ? (
        <Loading label="Loading numbers" />
      ) : numbers.isError ? (
        <LoadError
          title="Numbers could not be loaded"
          error={numbers.error}
          onRetry={() => numbers.refetch()}
        />
      ) : numbers.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No numbers yet: add one so staff can start secure chats.
        </Text>
      ) : (
        <Table aria-label="Secure-chat numbers" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Number</Table.Th>
              <Table.Th scope="col">Open threads</Table.Th>
              <Table.Th scope="col">
                <Text span size="sm" fw={700} visibleFrom="sm">
                  Remove
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {numbers.data.items.map((n) => (
              <Table.Tr key={n.number}>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {n.number}
                  </Text>
                  {n.label && (
                    <Text size="xs" c="dimmed">
                      {n.label}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{n.openThreads}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${n.number}`}
                    loading={remove.isPending && remove.variables === n.number}
                    onClick={() => remove.mutate(n.number)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            label="New number"
            placeholder="+12025550100"
            description="E.164: + country code and number"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={fieldError(add.error, 'body.number')}
            w={220}
          />
          <TextInput
            label="Label (optional)"
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            error={fieldError(add.error, 'body.label')}
            w={180}
          />
          <Button type="submit" mt={24} loading={add.isPending}>
            Add number
          </Button>
        </Group>
      </form>
      {problem && (
        <Alert color="red" role="alert" title="That did not work">
          {problem}
        </Alert>
      )}
    </SettingsCard>
  );
}
