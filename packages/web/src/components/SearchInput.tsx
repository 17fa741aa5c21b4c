import { useEffect, useRef, useState } from 'react';
import { Button, Input, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  testId?: string;
  value: string;
  placeholder?: string;
  /** `replace` is true for searches fired while typing (they replace the history entry). */
  onSearch: (q: string, replace: boolean) => void;
  /** Also search this long after typing stops; 0 = only on Enter / button. */
  debounceMs?: number;
}

/** A text box with a search button; the test id is on the <input> itself. */
export default function SearchInput({ id, testId, value, placeholder, onSearch, debounceMs = 0 }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => setText(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const now = (v: string) => {
    clearTimeout(timer.current);
    onSearch(v.trim(), false);
  };

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id}
        data-testid={testId}
        type="search"
        value={text}
        placeholder={placeholder}
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          if (!debounceMs) return;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => onSearch(v.trim(), true), debounceMs);
        }}
        onPressEnter={() => now(text)}
      />
      <Button type="primary" onClick={() => now(text)}>
        {t('common.search')}
      </Button>
    </Space.Compact>
  );
}
