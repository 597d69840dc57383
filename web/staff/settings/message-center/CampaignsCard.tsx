import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPhone, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Campaign } from '../../../../contracts/message-center';
import { EmptyState } from '../../../ui/EmptyState';
import { LoadError, Loading } from '../../../ui/LoadStates';
import { useTeams } from '../../admin/queries';
import { ConfirmDialog } from '../../secure-chat/ConfirmDialog';
import { formatPhone } from '../../secure-chat/model';
import { SettingsCard } from '../SettingsCard';
import { CampaignForm } from './CampaignForm';
import { IconButton } from './GroupsLocationsCard';
import { setupKeys, useCampaigns, useGroups, useLocations, useSetupWrite } from './queries';

/** The campaign numbers customers text, each at a location and answered by a team. */
export function CampaignsCard() {
  const campaigns = useCampaigns();
  const groups = useGroups();
  const locations = useLocations();
  const teams = useTeams();
  const remove = useSetupWrite('/api/v1/campaigns', [setupKeys.campaigns]);
  const [editing, setEditing] = useState<{ campaign?: Campaign } | null>(null);
  const [deleting, setDeleting] = useState<Campaign | null>(null);
  const queries = [campaigns, groups, locations, teams];
  const failed = queries.find((q) => q.isError);
  const teamList = (teams.data?.items ?? []).filter((t) => t.kind === 'team');
  const name = (list: { id: string; name: string }[] | undefined, id: string) =>
    list?.find((x) => x.id === id)?.name ?? '—';

  return (
    <SettingsCard
      title="Message Center campaigns"
      description="Each campaign is a firm number customers text, at one location; its team's agents answer."
    >
      <Group justify="flex-end">
        <Button
          size="xs"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing({})}
          disabled={!locations.data?.items.length}
        >
          Add campaign
        </Button>
      </Group>
      {queries.some((q) => q.isPending) ? (
        <Loading label="Loading campaigns" />
      ) : failed ? (
        <LoadError
          title="Campaigns could not be loaded"
          error={failed.error}
          onRetry={() => {
            for (const q of queries) void q.refetch();
          }}
        />
      ) : !campaigns.data?.items.length ? (
        <EmptyState icon={<IconPhone size={28} />} title="No campaigns yet">
          {locations.data?.items.length
            ? 'Add a campaign number so customers can text you.'
            : 'Add a group and a location first; then the location’s campaign numbers.'}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Campaigns" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Number</Table.Th>
                <Table.Th>Group · location</Table.Th>
                <Table.Th>Team</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {c.name}
                    </Text>
                    {c.helpText && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        HELP: {c.helpText}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPhone(c.phone)}</Table.Td>
                  <Table.Td>
                    {name(groups.data?.items, c.groupId)} · {name(locations.data?.items, c.locationId)}
                  </Table.Td>
                  <Table.Td>{name(teams.data?.items, c.teamId)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <IconButton
                        label={`Edit campaign ${c.name}`}
                        onClick={() => setEditing({ campaign: c })}
                      />
                      <IconButton label={`Delete campaign ${c.name}`} danger onClick={() => setDeleting(c)} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <CampaignForm
          campaign={editing.campaign}
          groups={groups.data?.items ?? []}
          locations={locations.data?.items ?? []}
          teams={teamList}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={Boolean(deleting)}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        title={`Delete campaign ${deleting?.name ?? ''}?`}
        confirmLabel="Delete campaign"
        color="red.9"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          deleting && remove.mutate({ id: deleting.id, remove: true }, { onSuccess: () => setDeleting(null) })
        }
      >
        Texts to {deleting ? formatPhone(deleting.phone) : 'its number'} will no longer open conversations.
        Past conversations keep their history.
      </ConfirmDialog>
    </SettingsCard>
  );
}
