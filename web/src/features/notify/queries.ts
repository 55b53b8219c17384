// The signed-in account's inbox: the unread count for the bell, the list, and marking read.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '../../../../src/features/notify/contract';
import { get, post, query } from '../../app/api';
import { useSession } from '../../app/session';

export type Notification = NotificationList['items'][number];

const base = '/api/v1/me/notifications';

/** The bell's count: one small request a minute, and again whenever the inbox changes. */
export function useUnreadCount() {
  const { me, lang } = useSession();
  return useQuery({
    queryKey: ['notifications', 'unread', lang],
    queryFn: () => get<NotificationList>(`${base}${query({ limit: 1 })}`).then((r) => r.unread),
    enabled: !!me,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

export function useNotifications(unreadOnly: boolean) {
  const { lang } = useSession();
  return useInfiniteQuery({
    // Messages are rendered in the reader's language on the server: a switch reloads them.
    queryKey: ['notifications', 'list', unreadOnly, lang],
    queryFn: ({ pageParam }) =>
      get<NotificationList>(
        `${base}${query({ unread: unreadOnly ? 'true' : undefined, before: pageParam, limit: 30 })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.items.length < 30 ? undefined : last.items.at(-1)?.id),
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      post<{ unread: number }>(id === 'all' ? `${base}/read-all` : `${base}/${id}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
