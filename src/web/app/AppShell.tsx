import { LeaveIcon } from '@navikt/aksel-icons';
import { Hide, InternalHeader, Page, Spacer } from '@navikt/ds-react';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ResetNotice } from '../auth/ResetNotice';
import { useBreakGlassCounts } from '../families/break-glass.api';
import { VisitQueueSync } from '../outreach/VisitQueueSync';
import { useVisitQueue } from '../outreach/visitQueue';
import { Announcer } from './Announcer';
import { canSeeAudit, canSeeFamilies, useSession, useSignOut } from './auth';
import { LanguageSwitch } from './LanguageSwitch';
import { markNavigation } from './routeFocus';

/** Header, navigation and the main landmark around every page. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useSession().data;
  const signedIn = me?.stage === 'done';
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const firstPath = useRef(pathname);
  useLayoutEffect(() => {
    if (pathname !== firstPath.current) {
      firstPath.current = '';
      markNavigation();
    }
  }, [pathname]);

  // Leaders and administrators decide break-the-glass requests past the daily limit, and a leader
  // is told of every grant on the team's families at the next page load (decision 0024).
  const decides = signedIn && (me.role === 'team_leader' || me.role === 'administrator');
  const countsQuery = useBreakGlassCounts(decides);
  const counts = countsQuery.data;
  const refetchCounts = countsQuery.refetch;
  // Counted anew at every page the user goes to, not only at a full load.
  useEffect(() => {
    if (decides && pathname) void refetchCounts();
  }, [decides, pathname, refetchCounts]);
  const flagged = (counts?.toDecide ?? 0) + (counts?.unseenGrants ?? 0);
  // Sign-out deletes the visits waiting on the device (decision 0048): ask first.
  const queue = useVisitQueue();
  const waiting = signedIn && queue.userId === me.id ? queue.waiting.length : 0;
  const confirmSignOut = () =>
    waiting === 0 || window.confirm(t('visits.signOutWaiting', { count: waiting }));

  const links = signedIn
    ? [
        ...(canSeeFamilies(me.role) ? [{ to: '/my-work', label: t('appointments.myWork.title') }] : []),
        ...(canSeeFamilies(me.role) ? [{ to: '/families', label: t('shell.families') }] : []),
        // The team page is for the team's staff: the same roles as the families.
        ...(canSeeFamilies(me.role) ? [{ to: '/team', label: t('shell.team') }] : []),
        ...(canSeeFamilies(me.role)
          ? [
              { to: '/tasks/mine', label: t('myTasks.title') },
              { to: '/tasks/asked', label: t('askedOfMe.title') },
              { to: '/outreach', label: t('outreach.nav') },
            ]
          : []),
        // Analysts read the funnel (aggregates, small cells hidden); the staff reach it from Outreach.
        ...(me.role === 'analyst' ? [{ to: '/outreach/funnel', label: t('funnel.nav') }] : []),
        ...(decides
          ? [
              {
                to: '/break-glass',
                label: flagged > 0 ? t('shell.breakGlassFlagged', { count: flagged }) : t('shell.breakGlass'),
              },
            ]
          : []),
        ...(canSeeAudit(me.role) ? [{ to: '/audit', label: t('shell.audit') }] : []),
        ...(me.role === 'administrator'
          ? [
              { to: '/admin/users', label: t('shell.users') },
              { to: '/admin/organisation', label: t('shell.organisation') },
              { to: '/admin/settings', label: t('shell.settings') },
            ]
          : []),
      ]
    : [];

  return (
    <Page>
      <a className="sc-skip-link" href="#main">
        {t('shell.skipToMain')}
      </a>
      <InternalHeader>
        <InternalHeader.Title as={Link} to="/">
          {t('app.name')}
        </InternalHeader.Title>
        <Spacer />
        <LanguageSwitch signedIn={signedIn} />
        {signedIn && (
          <>
            <Hide below="md" asChild>
              <InternalHeader.User name={me.displayName} description={t(`enums.role.${me.role}`)} />
            </Hide>
            <InternalHeader.Button
              type="button"
              onClick={() => {
                if (confirmSignOut()) signOut.mutate(undefined, { onSettled: () => navigate('/login') });
              }}
            >
              <LeaveIcon aria-hidden fontSize="1.5rem" />
              {t('shell.signOut')}
            </InternalHeader.Button>
          </>
        )}
      </InternalHeader>
      {links.length > 0 && (
        <nav className="sc-nav" aria-label={t('shell.mainNav')}>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to}>{link.label}</NavLink>
              </li>
            ))}
          </ul>
          {signedIn && (
            <span className="sc-nav-user">
              {t('shell.signedInAs', { name: me.displayName, role: t(`enums.role.${me.role}`) })}
            </span>
          )}
        </nav>
      )}
      <Page.Block as="main" id="main" width="2xl" gutters className="sc-main" tabIndex={-1}>
        {signedIn && me.resetNotice && <ResetNotice notice={me.resetNotice} />}
        <Outlet />
      </Page.Block>
      <Announcer />
      {signedIn && canSeeFamilies(me.role) && <VisitQueueSync userId={me.id} />}
    </Page>
  );
}
