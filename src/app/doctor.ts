/**
 * The doctor's composition: the same settings table and client settings as `createApp`, the AWS
 * probes (src/aws/doctorProbes.ts) or a local folder probe, handed to `runDoctor`. The CLI gets it
 * through `CliDeps.openDoctor` like it gets the app through `openApp`.
 */

import { createDoctorProbes } from '../aws/doctorProbes.js';
import { toCheckFailure } from '../aws/failureKinds.js';
import { type AccountsFileSource, type DoctorReport, runDoctor } from '../modes/doctor.js';
import { awsClientSettings } from './awsSettings.js';
import { folderProbe } from './doctorFolder.js';
import type { Settings } from './settings/types.js';
import type { AppOptions } from './types.js';

export type { DoctorReport, DoctorStep } from '../modes/doctor.js';

/** One doctor run's request. */
export interface DoctorRequest {
  /** Accounts to try the read role and recorders in (spread over the listed accounts). */
  sample: number;
  /** Accounts from a file instead of Organizations (the CLI reads it; errors name the lines). */
  accountsFile?: AccountsFileSource;
}

/** The doctor over one set of settings. */
export interface Doctor {
  run(request: DoctorRequest): Promise<DoctorReport>;
  /** Releases clients (sockets) so the process can exit promptly. */
  close(): void;
}

/** Builds the doctor with the settings `run` would use. */
export function createDoctor(settings: Settings, options: AppOptions): Doctor {
  const aws = awsClientSettings(settings, options.env, options.staticCredentials);
  const closers: (() => void)[] = [];
  return {
    async run(request) {
      const { bucket, prefix, out } = settings.store;
      const probes = createDoctorProbes({
        aws,
        pacing: settings.pacing,
        roleName: settings.run.roleName,
        externalId: settings.run.externalId,
        organizations:
          request.accountsFile === undefined
            ? {
                ...(settings.plan.organizationsRoleArn
                  ? { roleArn: settings.plan.organizationsRoleArn }
                  : {}),
                ...(settings.plan.organizationsExternalId
                  ? { externalId: settings.plan.organizationsExternalId }
                  : {}),
              }
            : undefined,
        bucket,
        prefix,
      });
      closers.push(() => probes.close());
      return runDoctor({
        settings: {
          roleName: settings.run.roleName,
          externalId: settings.run.externalId,
          regions: settings.batch.regions,
          prefix,
          excludeAccounts: settings.plan.excludeAccounts,
          sample: request.sample,
        },
        identity: probes.identity,
        ...(probes.organizations ? { organizations: probes.organizations } : {}),
        ...(request.accountsFile ? { accountsFile: request.accountsFile } : {}),
        store: probes.bucket ?? folderProbe(out),
        spokes: probes.spokes,
        classify: toCheckFailure,
        logger: options.logger,
        clock: options.clock ?? (() => new Date()),
      });
    },
    close() {
      for (const close of closers.splice(0)) close();
    },
  };
}
