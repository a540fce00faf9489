// The profile form shows every reason next to its field, translated; it reads amounts as a
// person types them and sends minor units.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import ProfileForm from '../../src/ui/customer/ProfileForm.svelte';
import { blankCustomer } from '../../src/state/forms';
import { t18 } from '../../src/state/i18n.svelte';

const saveCustomer = vi.fn();
vi.mock('../../src/worker/client', () => ({ engine: () => ({ saveCustomer }) }));

beforeEach(() => {
  saveCustomer.mockReset();
  t18.set('en');
});

describe('profile form', () => {
  test('a credit limit that is not an amount is caught before anything is sent', async () => {
    render(ProfileForm, { customer: blankCustomer('USD'), create: false, onsaved: () => {} });
    await fireEvent.input(screen.getByLabelText('Credit limit'), { target: { value: 'lots' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter an amount, like 1,234.50.')).toBeInTheDocument();
    expect(saveCustomer).not.toHaveBeenCalled();
    // The field with the error takes the focus, and names its message.
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Credit limit')));
    expect(screen.getByLabelText('Credit limit')).toHaveAccessibleDescription('Enter an amount, like 1,234.50.');
  });

  test('a new customer: the name first, an optional id, the owner, and the rest behind More', async () => {
    render(ProfileForm, { customer: blankCustomer('USD'), create: true, onsaved: () => {} });
    const controls = [...document.querySelectorAll('form input, form select, form textarea')];
    expect(controls.slice(0, 3).map((c) => c.id)).toEqual(['f-name', 'f-id', 'f-owner']);
    expect(screen.getByLabelText('Customer id (optional)')).not.toBeRequired();
    const more = document.querySelector<HTMLDetailsElement>('[data-more]')!;
    expect(more.open).toBe(false);
    expect(more.contains(screen.getByLabelText('Credit limit'))).toBe(true);
    expect(more.contains(screen.getByLabelText('E-mail'))).toBe(true);
    // An error behind More opens it and takes the focus.
    await fireEvent.input(screen.getByLabelText('Credit limit'), { target: { value: 'lots' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add customer' }));
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Credit limit')));
    expect(more.open).toBe(true);
  });

  test('the engine’s issues appear next to their fields, in the chosen language', async () => {
    saveCustomer.mockResolvedValue({ ok: false, code: 'invalid', issues: [{ column: 'id', code: 'duplicate_id' }, { column: 'name', code: 'required' }] });
    t18.set('zh-TW');
    render(ProfileForm, { customer: blankCustomer('TWD'), create: true, onsaved: () => {} });
    await fireEvent.click(screen.getByRole('button', { name: '新增客戶' }));
    expect(await screen.findByText('已有客戶使用這個編號。')).toBeInTheDocument();
    expect(screen.getByText('必填。')).toBeInTheDocument();
    expect(screen.getByLabelText('客戶編號（可不填）')).toHaveAttribute('aria-invalid', 'true');
    // The first field with an error (the name, first on the form) takes the focus.
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('客戶名稱')));
  });

  test('amounts and tags are read as typed and sent as minor units and a list', async () => {
    const onsaved = vi.fn();
    saveCustomer.mockImplementation(async ({ customer }) => ({ ok: true, value: customer }));
    render(ProfileForm, { customer: blankCustomer('CNY'), create: true, onsaved });
    await fireEvent.input(screen.getByLabelText('Customer id (optional)'), { target: { value: 'K-7' } });
    await fireEvent.input(screen.getByLabelText('Name'), { target: { value: '杭州华通科技' } });
    await fireEvent.input(screen.getByLabelText('Credit limit'), { target: { value: '￥１２,０００.５' } });
    await fireEvent.input(screen.getByLabelText('Tags (comma separated)'), { target: { value: '出口，VIP, ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add customer' }));
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    const sent = saveCustomer.mock.calls[0][0];
    expect(sent).toMatchObject({ create: true, customer: { id: 'K-7', name: '杭州华通科技', creditLimit: 1_200_050, tags: ['出口', 'VIP'] } });
  });
});
