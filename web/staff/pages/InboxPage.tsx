import { useParams } from 'react-router';
import { LoadError, Loading } from '../../ui/LoadStates';
import { PageHeader } from '../../ui/PageHeader';
import { SecureChatTab } from '../secure-chat/SecureChatTab';
import { useMatterOptions } from '../time/queries';

/**
 * Every secure chat the signed-in user may see, across matters and clients, unread ones first to the eye:
 * the one place to catch up without opening each matter. Threads are started from a matter.
 */
export function InboxPage() {
  const { conversationId } = useParams();
  // The matters name the threads (the list time capture's pickers use, so it is often cached).
  const matters = useMatterOptions();
  return (
    <>
      <PageHeader title="Inbox" description="Secure chats on your matters and those you were added to." />
      {matters.isPending ? (
        <Loading label="Loading your inbox" />
      ) : matters.isError ? (
        <LoadError
          title="Your inbox could not be loaded"
          error={matters.error}
          onRetry={() => matters.refetch()}
        />
      ) : (
        <SecureChatTab
          scope={{ inbox: true }}
          partners={matters.data.items.map((m) => ({ id: m.id, name: m.name }))}
          conversationId={conversationId}
        />
      )}
    </>
  );
}
