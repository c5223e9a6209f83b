/** A load that failed, with a retry. */
export function ErrorBox({ message, retry }: { message: string; retry: () => void }) {
  return (
    <div className="card" role="alert">
      <p>{message}</p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
