import { unreviewedInstallScripts } from "@/ops/supply-chain/install-scripts";
console.log(await unreviewedInstallScripts(process.cwd()));
