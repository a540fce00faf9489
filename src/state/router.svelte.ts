// Hash routes, so that the app works from any static host and offline:
// #/ start · #/today · #/audit · #/audit/<id> · #/kpi · #/customers[?grade=…&segment=…] · #/customers/new · #/customers/<id> · #/risk · #/backtest · #/model · #/segments · #/data · #/duplicates · #/playbooks · #/settings · #/glossary

export type Route =
  | { name: 'start' }
  | { name: 'today' }
  | { name: 'playbooks' }
  | { name: 'customers'; grade?: string; segment?: string; aging?: string }
  | { name: 'risk' }
  | { name: 'backtest' }
  | { name: 'model' }
  | { name: 'segments' }
  | { name: 'data' }
  | { name: 'duplicates' }
  | { name: 'new-customer' }
  | { name: 'customer'; id: string }
  | { name: 'settings' }
  | { name: 'glossary' }
  | { name: 'audits' }
  | { name: 'kpi' }
  | { name: 'audit'; id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const list = /^\/customers(?:\?(.*))?$/.exec(path);
  if (list) {
    const q = new URLSearchParams(list[1] ?? '');
    const route: Route = { name: 'customers' };
    if (q.get('grade')) route.grade = q.get('grade')!;
    if (q.get('segment')) route.segment = q.get('segment')!;
    if (q.get('aging')) route.aging = q.get('aging')!;
    return route;
  }
  if (path === '/today') return { name: 'today' };
  if (path === '/playbooks') return { name: 'playbooks' };
  if (path === '/risk') return { name: 'risk' };
  if (path === '/backtest') return { name: 'backtest' };
  if (path === '/model') return { name: 'model' };
  if (path === '/segments') return { name: 'segments' };
  if (path === '/data') return { name: 'data' };
  if (path === '/duplicates') return { name: 'duplicates' };
  if (path === '/customers/new') return { name: 'new-customer' };
  const m = /^\/customers\/(.+)$/.exec(path);
  if (m) return { name: 'customer', id: decodeURIComponent(m[1]) };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/glossary') return { name: 'glossary' };
  if (path === '/audit') return { name: 'audits' };
  if (path === '/kpi') return { name: 'kpi' };
  const audit = /^\/audit\/(.+)$/.exec(path);
  if (audit) return { name: 'audit', id: decodeURIComponent(audit[1]) };
  return { name: 'start' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    case 'new-customer':
      return '#/customers/new';
    case 'audits':
      return '#/audit';
    case 'kpi':
      return '#/kpi';
    case 'audit':
      return `#/audit/${encodeURIComponent(route.id)}`;
    case 'customers':
    {
      const q = new URLSearchParams();
      if (route.grade) q.set('grade', route.grade);
      if (route.segment) q.set('segment', route.segment);
      if (route.aging) q.set('aging', route.aging);
      return q.size ? `#/customers?${q}` : '#/customers';
    }
    case 'today':
    case 'playbooks':
    case 'risk':
    case 'backtest':
    case 'model':
    case 'segments':
    case 'data':
    case 'duplicates':
    case 'settings':
    case 'glossary':
      return `#/${route.name}`;
    default:
      return '#/';
  }
}

class Router {
  route = $state<Route>(parseRoute(globalThis.location?.hash ?? ''));

  constructor() {
    globalThis.addEventListener?.('hashchange', () => (this.route = parseRoute(location.hash)));
  }

  go(route: Route): void {
    const href = hrefOf(route);
    if (location.hash !== href) location.hash = href;
    this.route = route;
  }
}

export const router = new Router();
