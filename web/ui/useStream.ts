import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { SESSION_ENDED_CLOSE_CODE } from '../../contracts/realtime/close-codes';
import type { StreamEvent } from '../../contracts/realtime/events';
import { reconnectDelay, type StreamStatus, statusAfterClose, streamUrl } from './backoff';
import { readFrame } from './stream-frames';

/**
 * Keeps one WebSocket open to `path` while mounted, reconnecting with backoff. The server's first frame
 * ({ type: 'ready' }) marks the socket connected; after a reconnect every query is invalidated so the page
 * catches up on what it missed from the API, since events sent while disconnected are not replayed. A
 * `resync` frame (the server's link to the other servers was interrupted) does the same without a
 * reconnect, and so does a close because the session ended, so the page finds out it is signed out.
 */
export function useStream(path: string, onEvent?: (event: StreamEvent) => void): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    let socket: WebSocket | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failedAttempts = 0;
    let everConnected = false;
    let stopped = false;

    const connect = () => {
      clearTimeout(timer);
      timer = undefined;
      socket = new WebSocket(streamUrl(path, window.location));
      let ready = false;
      socket.onmessage = (message) => {
        const frame = readFrame(message.data);
        if (!frame) return;
        if (frame.type === 'ready') {
          ready = true;
          failedAttempts = 0;
          setStatus('connected');
          if (everConnected) void queryClient.invalidateQueries();
          everConnected = true;
          return;
        }
        if (frame.type === 'resync') {
          void queryClient.invalidateQueries();
          return;
        }
        onEventRef.current?.(frame);
      };
      socket.onclose = (event) => {
        socket = undefined;
        if (stopped) return;
        if (event.code === SESSION_ENDED_CLOSE_CODE) void queryClient.invalidateQueries();
        if (!ready) failedAttempts += 1;
        setStatus(statusAfterClose(failedAttempts, navigator.onLine));
        timer = setTimeout(connect, reconnectDelay(failedAttempts));
      };
    };

    const reconnectNow = () => {
      if (socket) return;
      connect();
    };
    const goOffline = () => {
      setStatus('offline');
      socket?.close();
    };

    connect();
    window.addEventListener('online', reconnectNow);
    window.addEventListener('offline', goOffline);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', reconnectNow);
      window.removeEventListener('offline', goOffline);
      socket?.close();
    };
  }, [path, queryClient]);

  return status;
}
