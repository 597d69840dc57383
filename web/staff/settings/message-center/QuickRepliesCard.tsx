import { Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconMessageBolt, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { QuickReply } from '../../../../contracts/message-center';
import { EmptyState } from '../../../ui/EmptyState';
import { LoadError, Loading } from '../../../ui/LoadStates';
import { fieldError } from '../../admin/queries';
import { segmentCounter } from '../../message-center/model';
import { ConfirmDialog } from '../../secure-chat/ConfirmDialog';
import { SettingsCard } from '../SettingsCard';
import { FormModal } from './FormModal';
import { IconButton } from './GroupsLocationsCard';
import { setupKeys, useGroupQuickReplies, useGroups, useSetupWrite } from './queries';

/** Canned texts agents pick from the composer's menu, set up per group. */
export function QuickRepliesCard() {
  const groups = useGroups();
  const [chosen, setChosen] = useState<string | null>(null);
  const groupId = chosen ?? groups.data?.items[0]?.id ?? null;
  const replies = useGroupQuickReplies(groupId);
  const write = useSetupWrite('/api/v1/quick-replies', [setupKeys.quickReplies(groupId ?? '')]);
  const [editing, setEditing] = useState<{ reply?: QuickReply } | null>(null);
  const [deleting, setDeleting] = useState<QuickReply | null>(null);
  const groupName = groups.data?.items.find((g) => g.id === groupId)?.name ?? '';

  return (
    <SettingsCard
      title="Quick replies"
      description="Ready-made texts for each group, offered in the composer's Quick replies menu."
    >
      {groups.isPending ? (
        <Loading label="Loading groups" />
      ) : groups.isError ? (
        <LoadError title="Groups could not be loaded" error={groups.error} onRetry={() => groups.refetch()} />
      ) : groups.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Add a group first: quick replies belong to a group.
        </Text>
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <Select
              label="Group"
              data={groups.data.items.map((g) => ({ value: g.id, label: g.name }))}
              value={groupId}
              onChange={setChosen}
              allowDeselect={false}
              w={220}
            />
            <Button size="xs" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing({})}>
              Add quick reply
            </Button>
          </Group>
          {replies.isPending ? (
            <Loading label="Loading quick replies" />
          ) : replies.isError ? (
            <LoadError
              title="Quick replies could not be loaded"
              error={replies.error}
              onRetry={() => replies.refetch()}
            />
          ) : replies.data.items.length === 0 ? (
            <EmptyState icon={<IconMessageBolt size={28} />} title={`No quick replies for ${groupName}`}>
              Add the texts agents send again and again, such as a thank-you with your phone number.
            </EmptyState>
          ) : (
            <Stack
              gap={6}
              component="ul"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label={`Quick replies of ${groupName}`}
            >
              {replies.data.items.map((r) => (
                <Group key={r.id} component="li" justify="space-between" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {r.title}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {r.body}
                    </Text>
                  </div>
                  <Group gap={4} wrap="nowrap">
                    <IconButton
                      label={`Edit quick reply ${r.title}`}
                      onClick={() => setEditing({ reply: r })}
                    />
                    <IconButton
                      label={`Delete quick reply ${r.title}`}
                      danger
                      onClick={() => setDeleting(r)}
                    />
                  </Group>
                </Group>
              ))}
            </Stack>
          )}
        </>
      )}
      {editing && groupId && (
        <QuickReplyForm
          groupId={groupId}
          reply={editing.reply}
          write={write}
          onClose={() => {
            write.reset();
            setEditing(null);
          }}
        />
      )}
      <ConfirmDialog
        opened={Boolean(deleting)}
        onClose={() => {
          write.reset();
          setDeleting(null);
        }}
        title={`Delete quick reply ${deleting?.title ?? ''}?`}
        confirmLabel="Delete quick reply"
        color="red.9"
        pending={write.isPending}
        error={write.error}
        onConfirm={() =>
          deleting && write.mutate({ id: deleting.id, remove: true }, { onSuccess: () => setDeleting(null) })
        }
      >
        Agents will no longer find it in the menu. Texts already sent are not affected.
      </ConfirmDialog>
    </SettingsCard>
  );
}

function QuickReplyForm({
  groupId,
  reply,
  write,
  onClose,
}: {
  groupId: string;
  reply?: QuickReply;
  write: ReturnType<typeof useSetupWrite>;
  onClose: () => void;
}) {
  const [title, setTitle] = useState(reply?.title ?? '');
  const [body, setBody] = useState(reply?.body ?? '');
  const err = (field: string) => fieldError(write.error, `body.${field}`);
  return (
    <FormModal
      title={reply ? `Edit ${reply.title}` : 'New quick reply'}
      saveLabel={reply ? 'Save quick reply' : 'Add quick reply'}
      pending={write.isPending}
      error={write.error}
      onClose={onClose}
      onSubmit={() =>
        write.mutate(
          {
            id: reply?.id,
            body: reply
              ? { title: title.trim(), body: body.trim() }
              : { groupId, title: title.trim(), body: body.trim() },
          },
          { onSuccess: onClose },
        )
      }
    >
      <TextInput
        label="Title"
        description="Shown in the menu"
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={err('title')}
        data-autofocus
      />
      <Textarea
        label="Text"
        required
        autosize
        minRows={3}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={err('body')}
        description={segmentCounter(body.trim())}
      />
    </FormModal>
  );
}
