import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ServiceAreaVerdict } from '../../../contracts/message-center';
import { zoneLook } from './consumer-form';

// Shades dark or light enough for AA contrast with the text autoContrast picks.
const SHADE: Record<string, string> = { teal: 'teal.9', yellow: 'yellow.4', red: 'red.9' };

/** The service-area indicator: zone and miles, with the radii in its tooltip; nothing without a verdict. */
export function ServiceAreaBadge({
  serviceArea,
  size = 'sm',
}: {
  serviceArea: ServiceAreaVerdict | null | undefined;
  size?: 'xs' | 'sm';
}) {
  const look = zoneLook(serviceArea);
  if (!look || !serviceArea) return null;
  return (
    <Tooltip label={look.description} multiline maw={260}>
      <Badge
        size={size}
        variant="filled"
        color={SHADE[look.color] ?? look.color}
        autoContrast
        tt="none"
        data-testid="service-area"
        data-zone={serviceArea.zone}
        className="mc-nowrap"
        style={{ overflow: 'visible', flexShrink: 0 }}
      >
        <VisuallyHidden>Service area: </VisuallyHidden>
        {look.label}
      </Badge>
    </Tooltip>
  );
}
