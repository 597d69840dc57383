import { Badge, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import type { DashboardCounts, DashboardFilter } from '../../../contracts/message-center';
import { countWords, FILTERS, formatCount } from './model';

/**
 * The filters above the list, each with its count; the pressed one is shown. A
 * count reads "Open 12 conversations". Buttons with aria-pressed
 * (rather than tabs) because they narrow one list instead of switching panels; they wrap on a phone.
 */
export function FilterBar({
  value,
  counts,
  onChange,
}: {
  value: DashboardFilter;
  counts: DashboardCounts | undefined;
  onChange: (filter: DashboardFilter) => void;
}) {
  return (
    <Group gap="xs" role="group" aria-label="Filter conversations">
      {FILTERS.map((f) => {
        const pressed = f.value === value;
        const count = formatCount(counts?.[f.value]);
        return (
          <Button
            key={f.value}
            size="xs"
            radius="xl"
            variant={pressed ? 'filled' : 'default'}
            aria-pressed={pressed}
            onClick={() => onChange(f.value)}
            rightSection={
              count ? (
                <Badge
                  size="sm"
                  circle={count.length < 2}
                  variant={pressed ? 'white' : 'light'}
                  data-testid={`count-${f.value}`}
                >
                  {count}
                  <VisuallyHidden>{countWords(counts?.[f.value])}</VisuallyHidden>
                </Badge>
              ) : undefined
            }
          >
            {f.label}
          </Button>
        );
      })}
      {counts && counts.unread > 0 && (
        <Text size="xs" c="dimmed" data-testid="unread-total">
          {formatCount(counts.unread)} unread message{counts.unread === 1 ? '' : 's'}
        </Text>
      )}
    </Group>
  );
}
