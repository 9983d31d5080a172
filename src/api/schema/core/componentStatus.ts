// ComponentStatus (deprecated since 1.19, still served).

import { f, listMap, str, struct } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core } from './names.js';

kind('ComponentStatus', 'Deprecated: health of a control plane component.', {
  ...objectHeader(),
  conditions: f(2, listMap(core('ComponentCondition'), 'type'), 'Observed conditions of the component.'),
});
kindList('ComponentStatus', 'Deprecated: a list of ComponentStatus objects.', 'The component statuses.');

struct(`${CORE}.ComponentCondition`, 'A condition of a component.', {
  error: f(4, str(), 'Error code of the condition, such as a health check error.'),
  message: f(3, str(), 'Message about the condition, such as health check details.'),
  status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Type of the condition: Healthy.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'status'] });
