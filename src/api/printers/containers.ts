// Containers and images of a pod template, comma-joined on one line (upstream layoutContainerCells).

import { at, list, str } from './fields.js';

export interface ContainerCells {
  names: string;
  images: string;
}

/** `spec.containers` of the pod spec found at `podSpec`. */
export function layoutContainerCells(podSpec: unknown): ContainerCells {
  const containers = list(at(podSpec, 'containers'));
  return {
    names: containers.map((c) => str(c.name)).join(','),
    images: containers.map((c) => str(c.image)).join(','),
  };
}
