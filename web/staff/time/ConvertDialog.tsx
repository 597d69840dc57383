import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { LoadError, Loading } from '../../ui/LoadStates';
import { describeError } from '../../ui/problem';
import { formatDuration, formatHours, formatMoney } from './model';
import { useConversionPreview } from './review-queries';

/** "6-minute increments (0.1 h)". */
function incrementWords(minutes: number): string {
  return `${minutes}-minute increments (${formatHours(Math.round((minutes / 60) * 10_000) / 10_000)})`;
}

/**
 * Shows what converting the events will bill before anything is committed: each event's duration rounded
 * up to the firm's billing increment, the timekeeper's rate and the amount, with the totals. The server
 * prices the conversion by the same rule, so the entries created are these numbers.
 */
export function ConvertDialog({
  ids,
  onClose,
  onConvert,
  converting,
  error,
}: {
  /** The events to convert; null when the dialog is closed. */
  ids: string[] | null;
  onClose: () => void;
  onConvert: (ids: string[]) => void;
  converting: boolean;
  error: Error | null;
}) {
  const preview = useConversionPreview();
  const { mutate, reset } = preview;
  const key = ids?.join(',') ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the preview is asked again only when the events change
  useEffect(() => {
    if (key) mutate(key.split(','));
    else reset();
  }, [key]);

  const data = preview.data;
  const count = data?.items.length ?? 0;
  return (
    <Modal opened={ids !== null} onClose={onClose} title="Convert to time entries" size="xl" centered>
      <Stack gap="md">
        {preview.isPending || (!data && !preview.isError) ? (
          <Loading label="Working out the billed time" />
        ) : preview.isError ? (
          <LoadError
            title="The preview could not be made"
            error={preview.error}
            onRetry={() => ids && mutate(ids)}
          />
        ) : data && count === 0 ? (
          <Text size="sm">These events are already time entries; there is nothing left to convert.</Text>
        ) : data ? (
          <>
            <Text size="sm">
              Durations are billed in {incrementWords(data.incrementMinutes)}, rounded up, at each
              timekeeper’s current rate.
            </Text>
            <Table.ScrollContainer minWidth={620}>
              <Table verticalSpacing="xs" aria-label="Conversion preview">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Narrative</Table.Th>
                    <Table.Th scope="col" ta="right">
                      Duration
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      Billed
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      Rate
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      Amount
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((item) => (
                    <Table.Tr key={item.billableEventId}>
                      <Table.Td>
                        <Text size="sm">{item.narrative}</Text>
                        {item.timekeeper && (
                          <Text size="xs" c="dimmed">
                            {item.timekeeper.name}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatDuration(item.durationSeconds)}
                      </Table.Td>
                      <Table.Td ta="right">{formatHours(item.hours)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(item.rate)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(item.amount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th scope="row" colSpan={2}>
                      Total
                    </Table.Th>
                    <Table.Td ta="right" fw={600} data-testid="preview-total-hours">
                      {formatHours(data.total.hours)}
                    </Table.Td>
                    <Table.Td />
                    <Table.Td ta="right" fw={600} data-testid="preview-total-amount">
                      {formatMoney(data.total.amount)}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          </>
        ) : null}
        {error && (
          <Alert
            color="red"
            icon={<IconAlertCircle aria-hidden />}
            role="alert"
            title="Nothing was converted"
          >
            {describeError(error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button disabled={!data || count === 0} loading={converting} onClick={() => ids && onConvert(ids)}>
            {count === 1 ? 'Convert 1 event' : `Convert ${count} events`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
