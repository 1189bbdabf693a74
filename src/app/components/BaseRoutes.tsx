import { lazy } from 'react';
import type { Route } from '../state/router';

// Each page its own chunk again, so opening one downloads only it.
const Conflicts = lazy(() => import('../pages/Conflicts').then((m) => ({ default: m.Conflicts })));
// Focal points and up: the report page, its strings and print stylesheet.
const Report = lazy(() => import('../pages/Report').then((m) => ({ default: m.Report })));
// Focal points and up: the reports of aid flows (`#/reports/flows`), with their strings and charts.
const FlowReport = lazy(() => import('../pages/FlowReport').then((m) => ({ default: m.FlowReport })));
const ProjectList = lazy(() => import('../pages/ProjectList').then((m) => ({ default: m.ProjectList })));
const ProjectDetail = lazy(() =>
  import('../pages/ProjectDetail').then((m) => ({ default: m.ProjectDetail })),
);
const IndicatorDetail = lazy(() =>
  import('../pages/IndicatorDetail').then((m) => ({ default: m.IndicatorDetail })),
);
// Focal points and up: the server's exports (online), with their strings.
const Exports = lazy(() => import('../pages/Exports').then((m) => ({ default: m.Exports })));
// Supervisors and admins: the edit pages of organisations, projects and indicators.
const Editor = lazy(() => import('../pages/Editor').then((m) => ({ default: m.Editor })));
// A form's data table (focal points and up): its strings, styles and the bulk review.
const DataTable = lazy(() => import('../pages/DataTable').then((m) => ({ default: m.DataTable })));
// A form's submissions on a map (`#/data/:projectId/:formId/map`), which loads MapLibre when it draws.
const DataMap = lazy(() => import('../pages/DataMap').then((m) => ({ default: m.DataMap })));
const ReviewQueue = lazy(() => import('../pages/ReviewQueue').then((m) => ({ default: m.ReviewQueue })));
// Supervisors and admins: checking, previewing, publishing and archiving XLSForms.
const FormsPage = lazy(() => import('../pages/FormsPage').then((m) => ({ default: m.FormsPage })));

// Everyone (agents download packs too): offline map packs, with their strings and the device's pack store.
const MapPacksPage = lazy(() => import('../maps/MapPacksPage').then((m) => ({ default: m.MapPacksPage })));

// Supervisors and admins: users and devices, the use of the database, and the admins' IATI import (one
// chunk: adminPages.tsx).
const AdminPage = lazy(() => import('../pages/adminPages'));

/**
 * `#/data/:projectId/:formId/map` (dataTable/dataRoute.ts's `parseDataMapHash` reads it): a regular expression
 * rather than that module, which would join the start chunk, being shared with other pages.
 */
const DATA_MAP = /^#\/data\/[^/?]+\/[^/?]+\/map(\?|$)/;

/** The routes of the pages of the people at base (coordination, review, reports, editing), and offline maps. */
export type BaseRoute = Extract<
  Route,
  {
    name:
      | 'conflicts'
      | 'projects'
      | 'project'
      | 'indicator'
      | 'reviewQueue'
      | 'reports'
      | 'flowReport'
      | 'edit'
      | 'exports'
      | 'users'
      | 'usage'
      | 'iati'
      | 'forms'
      | 'data'
      | 'maps';
  }
>;

/**
 * The pages of focal points, supervisors and admins. A module of its own, loaded by AppShell when one of
 * these routes is first opened: a field agent's start JavaScript does not carry their route table.
 */
export function BasePage({ route }: { route: BaseRoute }) {
  switch (route.name) {
    case 'users':
    case 'usage':
    case 'iati':
      return <AdminPage name={route.name} />;
    case 'conflicts':
      return <Conflicts />;
    case 'projects':
      return <ProjectList />;
    case 'project':
      return <ProjectDetail key={route.id} id={route.id} />;
    case 'indicator':
      return <IndicatorDetail key={route.id} id={route.id} />;
    case 'reviewQueue':
      return <ReviewQueue />;
    case 'reports':
      return <Report />;
    case 'flowReport':
      return <FlowReport />;
    case 'edit':
      return <Editor key={route.hash} hash={route.hash} />;
    case 'exports':
      return <Exports />;
    case 'forms':
      return <FormsPage />;
    case 'data':
      // Keyed by the path: the query holds the filters (dataRoute.ts), which change with no new page.
      return DATA_MAP.test(route.hash) ? (
        <DataMap key={route.hash.split('?')[0]} hash={route.hash} />
      ) : (
        <DataTable key={route.hash.split('?')[0]} hash={route.hash} />
      );
    case 'maps':
      return <MapPacksPage key={route.hash} hash={route.hash} />;
  }
}
