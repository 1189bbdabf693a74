import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { settleModule, useModule } from '../../../src/app/hooks/useModule';

const page = { Page: () => <p>the page</p> };

function Shown({ load }: { load: () => Promise<typeof page> }) {
  const module = useModule(load);
  return module ? <module.Page /> : <p>loading</p>;
}

describe('useModule', () => {
  it('shows the fallback while the module has not been loaded', () => {
    const load = () => Promise.resolve(page);
    expect(renderToString(<Shown load={load} />)).toContain('loading');
  });

  // React.lazy would render its Suspense fallback here first, and React then holds the page back 300 ms.
  it('shows a module already loaded on the first render, with no fallback', async () => {
    const load = () => Promise.resolve(page);
    await settleModule(load);
    expect(renderToString(<Shown load={load} />)).toContain('the page');
  });

  it('throws a failed load at render, as React.lazy does', async () => {
    const load = () => Promise.reject<typeof page>(new Error('chunk missing'));
    await settleModule(load);
    expect(() => renderToString(<Shown load={load} />)).toThrow('chunk missing');
  });

  it('loads each module once', async () => {
    let calls = 0;
    const load = () => {
      calls += 1;
      return Promise.resolve(page);
    };
    await settleModule(load);
    await settleModule(load);
    expect(calls).toBe(1);
  });
});
