// Issue 10 (forms): Field wires label, hint and error to its control the same way in every form.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckboxField, Field, FormAlert } from "@/components/forms/field";

const render = (node: React.ReactElement) => renderToStaticMarkup(node);
const attr = (html: string, tag: string, name: string) => new RegExp(`<${tag}[^>]*\\s${name}="([^"]*)"`).exec(html)?.[1];

describe("Field", () => {
  it("points the label at the control with a generated id and adds no aria state when valid", () => {
    const html = render(<Field label="Title" name="title" />);
    const id = attr(html, "input", "id");
    expect(id).toBeTruthy();
    expect(attr(html, "label", "for")).toBe(id);
    expect(html).not.toContain("aria-invalid");
    expect(html).not.toContain("aria-describedby");
    expect(attr(html, "input", "class")).toBe("input");
  });

  it("describes the control by its hint, then its error, and marks it invalid", () => {
    const html = render(<Field id="t" label="Description" as="textarea" hint="Markdown is supported." error="Too long." />);
    expect(attr(html, "textarea", "aria-describedby")).toBe("t-hint t-error");
    expect(attr(html, "textarea", "aria-invalid")).toBe("true");
    expect(html).toContain('<p id="t-hint" class="field-hint">Markdown is supported.</p>');
    expect(html).toContain('<p id="t-error" class="field-error">Too long.</p>');
  });

  it("reads a lowercase message as a sentence after the label (or errorLabel) and announces it on request", () => {
    expect(render(<Field id="r" label="Keep audit events for (days)" errorLabel="Retention" error="must be at least 30" />)).toContain(
      ">Retention must be at least 30</p>",
    );
    expect(render(<Field id="n" label="Name" error="is required" announce />)).toContain(
      '<p id="n-error" class="field-error" role="alert">Name is required</p>',
    );
  });

  it("renders a select with its options and the caller's class, and only the hint when there is no error", () => {
    const html = render(
      <Field id="p" as="select" label="Priority" className="select narrow" hint="Changes the SLA." defaultValue="low">
        <option value="low">Low</option>
      </Field>,
    );
    expect(attr(html, "select", "class")).toBe("select narrow");
    expect(attr(html, "select", "aria-describedby")).toBe("p-hint");
    expect(html).toContain('<option value="low" selected="">Low</option>');
    expect(html).not.toContain("p-error");
  });
});

describe("FormAlert", () => {
  it("renders nothing without a message, a boxed alert or an inline one with it", () => {
    expect(render(<FormAlert message={null} />)).toBe("");
    expect(render(<FormAlert message="Please correct the fields marked below." />)).toBe(
      '<p class="alert alert-error" role="alert">Please correct the fields marked below.</p>',
    );
    expect(render(<FormAlert inline message="Nope." />)).toBe('<p class="field-error" role="alert">Nope.</p>');
  });
});

describe("CheckboxField", () => {
  it("is a checkbox inside its label, described by its hint", () => {
    const html = render(<CheckboxField name="mfaRequired" defaultChecked label="Require two-factor" hint="Everyone enrols at next sign-in." />);
    expect(attr(html, "input", "type")).toBe("checkbox");
    const hintId = attr(html, "input", "aria-describedby");
    expect(hintId).toBeTruthy();
    expect(attr(html, "p", "id")).toBe(hintId);
    expect(html).toMatch(/<label class="checkbox"><input[^>]*>Require two-factor<\/label>/);
  });
});
