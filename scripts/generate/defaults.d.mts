/** @module Types of ./defaults.mjs: the emitter of the contract model's documented defaults. */
import type { ContractDefaults, ContractModel } from './contract-model.d.mts';

/** The TypeScript source (without the generated header) of both emitted files. */
export function defaultsSource(defaults: ContractDefaults): string;

/** Writes `defaults.ts` into `contractOutDir` and `contract-defaults.ts` into `stubOutDir`; returns their paths. */
export function generateDefaults(
  model: ContractModel,
  contractOutDir: string,
  stubOutDir: string,
): Promise<string[]>;
