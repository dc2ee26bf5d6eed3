/**
 * CDK entry point: `npm run synth` (cdk synth --app "npx tsx infra/bin/app.ts").
 * Settings come from context: `npx cdk deploy ConfigReportHub -c organizationId=o-… -c alarmEmail=…`.
 */
import { App } from 'aws-cdk-lib';
import { buildConfigReportApp } from '../lib/configReportApp.js';

const app = new App();
buildConfigReportApp(app, process.env);
app.synth();
