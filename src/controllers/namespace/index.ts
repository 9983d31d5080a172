// The namespace controller: empties deleted namespaces, then finalizes them.
export { NamespaceController, NAMESPACE_CONTROLLER, KUBERNETES_FINALIZER } from './namespace-controller.js';
export type { NamespaceControllerOptions } from './namespace-controller.js';
export { failureConditions, updateConditions, CONDITION_TYPES } from './deletion-conditions.js';
