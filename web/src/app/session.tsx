// The signed-in user: GET /api/v1/me, the chosen school, and the language preference.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Me } from '../../../src/features/accounts/contract';
import { ApiError, get, post, put, setCsrfToken, setUnauthorizedHandler } from './api';
import { applyLanguage, type Lang, storedLanguage } from './i18n';

export type MySchool = Me['schools'][number];

interface Session {
  me: Me | null;
  loading: boolean;
  school: MySchool | null;
  lang: Lang;
  can: (permission: string) => boolean;
  isParentOnly: boolean;
  selectSchool: (id: string) => void;
  signedIn: (me: Me) => void;
  logout: () => Promise<void>;
  setLang: (lang: Lang) => void;
}

const SessionContext = createContext<Session | null>(null);
const schoolKey = 'kehou.school';

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [lang, setLangState] = useState<Lang>(storedLanguage());
  const [schoolId, setSchoolId] = useState<string | null>(localStorage.getItem(schoolKey));

  const meQuery = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await get<Me>('/api/v1/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  const me = meQuery.data ?? null;

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? '');
  }, [me]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken('');
      client.setQueryData(['me'], null);
    });
  }, [client]);

  const signedIn = useCallback(
    (next: Me) => {
      setCsrfToken(next.csrfToken);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      client.setQueryData(['me'], next);
      if (next.user.locale === 'en' || next.user.locale === 'zh-CN') {
        setLangState(next.user.locale);
        applyLanguage(next.user.locale);
      }
    },
    [client],
  );

  const logout = useCallback(async () => {
    try {
      await post('/api/v1/auth/logout');
    } finally {
      setCsrfToken('');
      client.setQueryData(['me'], null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    }
  }, [client]);

  const setLang = useCallback(
    (next: Lang) => {
      setLangState(next);
      applyLanguage(next);
      if (me) void put('/api/v1/me/preferences', { locale: next }).catch(() => {});
    },
    [me],
  );

  const selectSchool = useCallback((id: string) => {
    localStorage.setItem(schoolKey, id);
    setSchoolId(id);
  }, []);

  const value = useMemo<Session>(() => {
    const school = me?.schools.find((s) => s.id === schoolId) ?? me?.schools[0] ?? null;
    const permissions = new Set(school?.permissions ?? []);
    return {
      me,
      loading: meQuery.isLoading,
      school,
      lang,
      can: (p) => permissions.has(p),
      isParentOnly: !!school && school.roles.length > 0 && school.roles.every((r) => r === 'parent'),
      selectSchool,
      signedIn,
      logout,
      setLang,
    };
  }, [me, meQuery.isLoading, schoolId, lang, selectSchool, signedIn, logout, setLang]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The selected school's id; pages under the shell always have one. */
export function useSchoolId(): string {
  return useSession().school?.id ?? '';
}
