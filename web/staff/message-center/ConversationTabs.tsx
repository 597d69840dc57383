import { Tabs } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import type { ConversationOut } from '../../../contracts/conversations';
import { ConversationPane } from './ConversationPane';
import type { TabsState } from './model';

/**
 * The right pane's tabs, one per open conversation, named by the customer's number. Arrow keys move
 * between tabs; Delete closes the focused one (the × does the same with a mouse; a button inside a tab
 * would be a control nested in a control, which screen readers cannot reach).
 */
export function ConversationTabs({
  state,
  summaries,
  onActivate,
  onClose,
}: {
  state: TabsState;
  summaries: ReadonlyMap<string, ConversationOut>;
  onActivate: (id: string) => void;
  onClose: (id: string) => void;
}) {
  const onKeyDown = (id: string) => (event: KeyboardEvent) => {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onClose(id);
    }
  };
  return (
    <Tabs
      value={state.active}
      onChange={(v) => v && onActivate(v)}
      keepMounted={false}
      style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
    >
      <Tabs.List aria-label="Open conversations" style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
        {state.tabs.map((t) => (
          <Tabs.Tab
            key={t.id}
            value={t.id}
            onKeyDown={onKeyDown(t.id)}
            aria-keyshortcuts="Delete"
            title="Delete closes this tab"
            className="mc-nowrap"
            rightSection={
              <span
                className="mc-tab-close"
                aria-hidden
                data-testid="close-tab"
                onClick={(e) => {
                  e.stopPropagation();
                  onClose(t.id);
                }}
              >
                <IconX size={14} />
              </span>
            }
          >
            {t.title}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {state.tabs.map((t) => (
        <Tabs.Panel
          key={t.id}
          value={t.id}
          style={{
            flex: 1,
            minHeight: 0,
            display: state.active === t.id ? 'flex' : 'none',
            flexDirection: 'column',
          }}
        >
          <ConversationPane conversationId={t.id} summary={summaries.get(t.id)} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
