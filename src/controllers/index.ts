// kite's controllers (the kube-controller-manager of `kite server`).
export { startControllers } from './start-controllers.js';
export type { StartControllersOptions } from './start-controllers.js';
export type { Controller } from './runtime/controller.js';
export { ReplicaSetController } from './replicaset/index.js';
export type { ReplicaSetControllerOptions } from './replicaset/index.js';
export { DeploymentController } from './deployment/index.js';
export type { DeploymentControllerOptions } from './deployment/index.js';
export { GarbageCollector } from './garbagecollector/index.js';
export type { GarbageCollectorOptions } from './garbagecollector/index.js';
export { NamespaceController } from './namespace/index.js';
export type { NamespaceControllerOptions } from './namespace/index.js';
export { NodeLifecycleController, TaintEvictionController } from './nodelifecycle/index.js';
export type { NodeLifecycleOptions, TaintEvictionOptions } from './nodelifecycle/index.js';
export { DisruptionController } from './disruption/index.js';
export type { DisruptionControllerOptions } from './disruption/index.js';
