// Data hooks of the notify channel settings.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { channelList, deliveryList } from '../../../../src/features/notify/channel-contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type ChannelList = z.infer<typeof channelList>;
export type DeliveryList = z.infer<typeof deliveryList>;

export const channelApi = (schoolId: string) => `/api/v1/schools/${schoolId}/notify-channels`;

export function useChannels() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['notify-channels', schoolId],
    queryFn: () => get<ChannelList>(channelApi(schoolId)),
    enabled: !!schoolId,
  });
}

export function useDeliveries(filter: {
  channelId?: string | undefined;
  status?: string | undefined;
  page: number;
}) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['notify-deliveries', schoolId, filter],
    queryFn: () =>
      get<DeliveryList>(`/api/v1/schools/${schoolId}/notify-deliveries${query({ ...filter, pageSize: 20 })}`),
    enabled: !!schoolId,
  });
}

export function useRefreshChannels() {
  const client = useQueryClient();
  return useCallback(() => {
    void client.invalidateQueries({ queryKey: ['notify-channels'] });
    void client.invalidateQueries({ queryKey: ['notify-deliveries'] });
  }, [client]);
}
