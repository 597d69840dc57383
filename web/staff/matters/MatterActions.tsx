import { Button, Group } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Matter as MatterDetail } from '../../../contracts/matters';
import { useApi } from '../../ui/Providers';
import { ConfirmDialog } from '../secure-chat/ConfirmDialog';
import { MatterFormDialog } from './MatterFormDialog';

/** Edit, close and reopen, for those the server allows (matter.abilities.update). */
export function MatterActions({ matter }: { matter: MatterDetail }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const closing = matter.status === 'open';
  const setStatus = useMutation({
    mutationFn: () =>
      api.patch<MatterDetail>(`/api/v1/matters/${encodeURIComponent(matter.id)}`, {
        status: closing ? 'closed' : 'open',
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['matters'] });
      setConfirming(false);
    },
  });
  if (!matter.abilities?.update) return null;
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={() => setEditing(true)}
      >
        Edit
      </Button>
      <Button
        size="xs"
        variant="default"
        onClick={() => (closing ? setConfirming(true) : setStatus.mutate())}
      >
        {closing ? 'Close matter' : 'Reopen matter'}
      </Button>
      <MatterFormDialog
        opened={editing}
        matter={matter}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Close this matter?"
        confirmLabel="Close matter"
        color="red"
        pending={setStatus.isPending}
        error={setStatus.error}
        onConfirm={() => setStatus.mutate()}
      >
        A closed matter stays on record and can be reopened.
      </ConfirmDialog>
    </Group>
  );
}
