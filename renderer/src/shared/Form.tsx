import { Form as AntForm, type FormProps } from 'antd';
import { useCallback, useRef, type ReactNode } from 'react';

/**
 * Ant Design's Form, sending once at a time. Enter in a field submits a form as well as its
 * OK button, and on a busy desk the button's spinner is drawn a frame or more after the click:
 * a second submission that arrives while the first is on its way is dropped, so a case, a
 * step, a signature or a payment is never sent twice (the second would be recorded again, or
 * refused with an error over a form that was in fact saved).
 *
 * For this to hold, `onFinish` returns its promise (not `void call(...)`): the form is free
 * again when that promise settles, whether it saved or was refused.
 */
function OnceForm<Values = unknown>(props: FormProps<Values> & { children?: ReactNode }) {
  const { onFinish } = props;
  const inFlight = useRef(false);
  const guarded = useCallback(async (values: Values) => {
    if (!onFinish || inFlight.current) return;
    inFlight.current = true;
    try {
      await onFinish(values);
    } finally {
      inFlight.current = false;
    }
  }, [onFinish]);
  return <AntForm {...props} onFinish={onFinish ? guarded : undefined} />;
}

export const Form = Object.assign(OnceForm, {
  Item: AntForm.Item,
  List: AntForm.List,
  ErrorList: AntForm.ErrorList,
  Provider: AntForm.Provider,
  useForm: AntForm.useForm,
  useFormInstance: AntForm.useFormInstance,
  useWatch: AntForm.useWatch,
});
