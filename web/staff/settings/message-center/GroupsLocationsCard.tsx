import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconMapPin, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Location, Group as McGroup } from '../../../../contracts/message-center';
import { EmptyState } from '../../../ui/EmptyState';
import { LoadError, Loading } from '../../../ui/LoadStates';
import { fieldError } from '../../admin/queries';
import { ConfirmDialog } from '../../secure-chat/ConfirmDialog';
import { SettingsCard } from '../SettingsCard';
import { FormModal } from './FormModal';
import { LocationForm } from './LocationForm';
import { setupKeys, useGroups, useLocations, useSetupWrite } from './queries';

type Editing =
  | { what: 'group'; group?: McGroup }
  | { what: 'location'; groupId: string; location?: Location }
  | { what: 'delete-group'; group: McGroup }
  | { what: 'delete-location'; location: Location }
  | null;

function areaText(l: Location): string {
  const a = l.serviceArea;
  if (!a) return 'No service area';
  const centre = a.postalCode
    ? `ZIP ${a.postalCode}`
    : `${a.centre.lat.toFixed(4)}, ${a.centre.lng.toFixed(4)}`;
  return `Service area around ${centre}: ideal ${a.idealMiles} mi, max ${a.maxMiles} mi`;
}

/** Groups of the Message Center and the locations of each, with their service areas. */
export function GroupsLocationsCard() {
  const groups = useGroups();
  const locations = useLocations();
  const [editing, setEditing] = useState<Editing>(null);
  const stale = [setupKeys.groups, setupKeys.locations, setupKeys.campaigns];
  const groupWrite = useSetupWrite('/api/v1/groups', stale);
  const locationWrite = useSetupWrite('/api/v1/locations', stale);
  const close = () => {
    groupWrite.reset();
    locationWrite.reset();
    setEditing(null);
  };

  return (
    <SettingsCard
      title="Message Center groups and locations"
      description="Groups hold locations; each location's campaigns are the numbers customers text. Quick replies are set per group."
    >
      <Group justify="flex-end">
        <Button
          size="xs"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing({ what: 'group' })}
        >
          Add group
        </Button>
      </Group>
      {groups.isPending || locations.isPending ? (
        <Loading label="Loading groups and locations" />
      ) : groups.isError || locations.isError ? (
        <LoadError
          title="Groups could not be loaded"
          error={groups.error ?? locations.error}
          onRetry={() => {
            void groups.refetch();
            void locations.refetch();
          }}
        />
      ) : groups.data.items.length === 0 ? (
        <EmptyState icon={<IconMapPin size={28} />} title="No groups yet">
          Add a group (a brand or a region), then its locations and their campaign numbers.
        </EmptyState>
      ) : (
        <Stack gap="sm">
          {groups.data.items.map((g) => {
            const own = locations.data.items.filter((l) => l.groupId === g.id);
            return (
              <Paper
                key={g.id}
                withBorder
                radius="md"
                p="sm"
                component="section"
                aria-label={`Group ${g.name}`}
              >
                <Group justify="space-between" wrap="nowrap">
                  <Title order={3} size="h5">
                    {g.name}
                  </Title>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setEditing({ what: 'location', groupId: g.id })}
                    >
                      Add location
                    </Button>
                    <IconButton
                      label={`Rename group ${g.name}`}
                      onClick={() => setEditing({ what: 'group', group: g })}
                    />
                    <IconButton
                      label={`Delete group ${g.name}`}
                      danger
                      onClick={() => setEditing({ what: 'delete-group', group: g })}
                    />
                  </Group>
                </Group>
                {own.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No location yet.
                  </Text>
                ) : (
                  <Stack gap={4} mt={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                    {own.map((l) => (
                      <Group key={l.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                        <div>
                          <Text size="sm" fw={600}>
                            {l.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {areaText(l)}
                          </Text>
                        </div>
                        <Group gap={4} wrap="nowrap">
                          <IconButton
                            label={`Edit location ${l.name}`}
                            onClick={() => setEditing({ what: 'location', groupId: g.id, location: l })}
                          />
                          <IconButton
                            label={`Delete location ${l.name}`}
                            danger
                            onClick={() => setEditing({ what: 'delete-location', location: l })}
                          />
                        </Group>
                      </Group>
                    ))}
                  </Stack>
                )}
              </Paper>
            );
          })}
        </Stack>
      )}
      {editing?.what === 'group' && <GroupForm group={editing.group} write={groupWrite} onClose={close} />}
      {editing?.what === 'location' && (
        <LocationForm groupId={editing.groupId} location={editing.location} onClose={close} />
      )}
      <ConfirmDialog
        opened={editing?.what === 'delete-group' || editing?.what === 'delete-location'}
        onClose={close}
        title={
          editing?.what === 'delete-group'
            ? `Delete group ${editing.group.name}?`
            : editing?.what === 'delete-location'
              ? `Delete location ${editing.location.name}?`
              : ''
        }
        confirmLabel="Delete"
        color="red.9"
        pending={groupWrite.isPending || locationWrite.isPending}
        error={groupWrite.error ?? locationWrite.error}
        onConfirm={() => {
          if (editing?.what === 'delete-group')
            groupWrite.mutate({ id: editing.group.id, remove: true }, { onSuccess: close });
          if (editing?.what === 'delete-location')
            locationWrite.mutate({ id: editing.location.id, remove: true }, { onSuccess: close });
        }}
      >
        Conversations already received keep their history. The server refuses while campaigns still use it.
      </ConfirmDialog>
    </SettingsCard>
  );
}

function GroupForm({
  group,
  write,
  onClose,
}: {
  group?: McGroup;
  write: ReturnType<typeof useSetupWrite>;
  onClose: () => void;
}) {
  const [name, setName] = useState(group?.name ?? '');
  return (
    <FormModal
      title={group ? `Rename ${group.name}` : 'New group'}
      saveLabel={group ? 'Save group' : 'Add group'}
      pending={write.isPending}
      error={write.error}
      onClose={onClose}
      onSubmit={() => write.mutate({ id: group?.id, body: { name: name.trim() } }, { onSuccess: onClose })}
    >
      <TextInput
        label="Name"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError(write.error, 'body.name')}
        data-autofocus
      />
    </FormModal>
  );
}

/** A small pencil or bin button whose label says what it acts on. */
export function IconButton({
  label,
  danger,
  onClick,
}: {
  label: string;
  danger?: boolean;
  onClick: () => void;
}) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color={danger ? 'red.8' : 'gray.7'} aria-label={label} onClick={onClick}>
        {danger ? <IconTrash size={16} aria-hidden /> : <IconPencil size={16} aria-hidden />}
      </ActionIcon>
    </Tooltip>
  );
}
