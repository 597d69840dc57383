import { Button, Paper } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';

/** An address inside the staff app that matches no page. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="This address does not match any page of Parley." />
      <Paper withBorder radius="lg" pb="lg">
        <EmptyState icon={<IconMapOff size={28} />} title="Nothing here">
          Check the address, or go back to the start.
        </EmptyState>
        <Button component={Link} to="/" mx="auto" display="block" w="fit-content">
          Go to the start page
        </Button>
      </Paper>
    </>
  );
}
