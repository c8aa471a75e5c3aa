// E-mail over SMTP (SMTP_URL) with nodemailer: one transport per process.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let transport: Transporter | undefined;
let transportUrl: string | undefined;

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  if (!transport || transportUrl !== url) {
    transport = nodemailer.createTransport(url);
    transportUrl = url;
  }
  await transport.sendMail({ from: env().MAIL_FROM, ...message });
}
