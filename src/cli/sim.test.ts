import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSimArgs } from './sim.js';

describe('parseSimArgs', () => {
  test('parseSimArgs applies the defaults', () => {
    assert.deepEqual(parseSimArgs(['--kubeconfig', 'k.yaml', '--nodes', '3'], {}), {
      help: false, kubeconfig: 'k.yaml', nodes: 3, namePrefix: 'sim-', cpu: '4', memory: '16Gi', maxPods: 110, verbose: false,
    });
  });

  test('parseSimArgs reads every flag', () => {
    const a = parseSimArgs(['--kubeconfig=k', '--nodes=1000', '--name-prefix', 'n-', '--cpu', '8', '--memory', '32Gi', '--max-pods', '250',
      '--context', 'c', '--pod-ready-delay', '1.5s', '--pod-complete-delay', '300ms', '-v'], {});
    assert.deepEqual(a, {
      help: false, kubeconfig: 'k', context: 'c', nodes: 1000, namePrefix: 'n-', cpu: '8', memory: '32Gi', maxPods: 250,
      podReadyDelayMs: 1500, podCompleteDelayMs: 300, verbose: true,
    });
  });

  test('parseSimArgs falls back to KUBECONFIG', () => {
    assert.equal(parseSimArgs(['--nodes', '1'], { KUBECONFIG: '/a:/b' }).kubeconfig, '/a');
  });

  const bad: [string[], RegExp][] = [
    [['--kubeconfig', 'k', '--nodes', 'x'], /^--nodes must be a positive integer, got "x"$/],
    [['--kubeconfig', 'k', '--nodes', '0'], /^--nodes must be a positive integer, got "0"$/],
    [['--kubeconfig', 'k', '--nodes', '1.5'], /^--nodes must be a positive integer, got "1.5"$/],
    [['--kubeconfig', 'k', '--nodes', '2', '--max-pods=-1'], /--max-pods must be a positive integer, got "-1"/],
    [['--kubeconfig', 'k'], /^--nodes is required$/],
    [['--nodes', '1'], /^--kubeconfig is required/],
    [['--kubeconfig', 'k', '--nodes', '1', '--name-prefix', 'Sim_'], /^--name-prefix must start with/],
    [['--kubeconfig', 'k', '--nodes', '1', '--pod-ready-delay', 'soon'], /^--pod-ready-delay must be a duration such as 200ms or 2s, got "soon"$/],
    [['--kubeconfig', 'k', '--nodes', '1', '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, re] of bad) test(`parseSimArgs rejects ${args.join(' ')}`, () => assert.throws(() => parseSimArgs(args, {}), { message: re }));

  test('parseSimArgs lets --help through without other flags', () => {
    assert.equal(parseSimArgs(['--help'], {}).help, true);
  });
});
