import { Space, Tag } from "antd";
import { useState } from "react";
import { PersonPicker, type PickedPerson } from "../people/PersonPicker.tsx";

/**
 * Registered attendees as a form control: pick people from the register one by one, drop them by
 * their tag. Names are kept beside the ids so the tags read as people, not ids.
 */
export function AttendeesField({ value = [], onChange, initialNames = {} }: { value?: string[]; onChange?: (ids: string[]) => void; initialNames?: Record<string, string> }) {
  const [names, setNames] = useState<Record<string, string>>(initialNames);
  const [picking, setPicking] = useState<string | undefined>();
  const add = (id: string | undefined, person: PickedPerson | null) => {
    setPicking(undefined);
    if (!id || !person || value.includes(id)) return;
    setNames((n) => ({ ...n, [id]: person.name }));
    onChange?.([...value, id]);
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <PersonPicker value={picking} onChange={add} excludeIds={value} testId="attendee-picker" />
      <div data-testid="attendee-tags">
        {value.map((id) => (
          <Tag key={id} closable onClose={() => onChange?.(value.filter((v) => v !== id))} style={{ marginBottom: 4 }}>
            {names[id] ?? id.slice(0, 8)}
          </Tag>
        ))}
      </div>
    </Space>
  );
}
