import { createBrowserRouter } from 'react-router';
import { AuditLogPage } from '../admin/AuditLogPage';
import { NewUserPage } from '../admin/NewUserPage';
import { OrganisationPage } from '../admin/OrganisationPage';
import { SettingsPage } from '../admin/SettingsPage';
import { UserPage } from '../admin/UserPage';
import { UsersPage } from '../admin/UsersPage';
import { SignInPage } from '../auth/SignInPage';
import { BreakGlassPage } from '../families/BreakGlassPage';
import { FamilyListPage } from '../families/FamilyListPage';
import { FamilyPage } from '../families/FamilyPage';
import { NewFamilyPage } from '../families/NewFamilyPage';
import { MyWorkPage } from '../journal/AppointmentsMyWork';
import { BuildingPage } from '../outreach/BuildingPage';
import { EnrollmentPage } from '../outreach/EnrollmentPage';
import { FunnelPage } from '../outreach/FunnelPage';
import { ImportPage } from '../outreach/ImportPage';
import { OutreachPage } from '../outreach/OutreachPage';
import { WalkPage } from '../outreach/WalkPage';
import { PlanPrintPage } from '../plans/PlanPrintPage';
import { AskedOfMePage, MyTasksPage } from '../plans/TaskPages';
import { TeamPage } from '../team/TeamPage';
import { AppShell } from './AppShell';
import { HomeRedirect } from './HomeRedirect';
import { NotFoundPage } from './NotFoundPage';
import { RequireAuth, RequireRole } from './RequireAuth';
import { WelcomePage } from './WelcomePage';

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { path: '/login', element: <SignInPage /> },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: '/welcome', element: <WelcomePage /> },
          {
            element: <RequireRole roles={['team_member', 'team_leader']} />,
            children: [
              { path: '/families', element: <FamilyListPage /> },
              { path: '/families/new', element: <NewFamilyPage /> },
              { path: '/families/:familyId', element: <FamilyPage /> },
              { path: '/families/:familyId/plan/print', element: <PlanPrintPage /> },
              { path: '/team', element: <TeamPage /> },
              { path: '/tasks/mine', element: <MyTasksPage /> },
              { path: '/tasks/asked', element: <AskedOfMePage /> },
              { path: '/outreach', element: <OutreachPage /> },
              { path: '/outreach/buildings/:buildingId', element: <BuildingPage /> },
              { path: '/outreach/import', element: <ImportPage /> },
              { path: '/outreach/walk', element: <WalkPage /> },
              { path: '/outreach/households/:householdId', element: <EnrollmentPage /> },
              { path: '/my-work', element: <MyWorkPage /> },
            ],
          },
          {
            // The funnel: the team's staff for their area, analysts for any (suppressed).
            element: <RequireRole roles={['team_member', 'team_leader', 'analyst']} />,
            children: [{ path: '/outreach/funnel', element: <FunnelPage /> }],
          },
          {
            element: <RequireRole roles={['team_leader', 'administrator']} />,
            children: [
              { path: '/audit', element: <AuditLogPage /> },
              { path: '/break-glass', element: <BreakGlassPage /> },
            ],
          },
          {
            element: <RequireRole roles={['administrator']} />,
            children: [
              { path: '/admin/settings', element: <SettingsPage /> },
              { path: '/admin/users', element: <UsersPage /> },
              { path: '/admin/users/new', element: <NewUserPage /> },
              { path: '/admin/users/:userId', element: <UserPage /> },
              { path: '/admin/organisation', element: <OrganisationPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
