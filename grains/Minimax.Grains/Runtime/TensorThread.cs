using System.Collections.Concurrent;

namespace Minimax.Grains.Runtime;

/// <summary>
/// One dedicated thread for a grain's TorchSharp work. Tensor compute must stay off the Orleans
/// scheduler (it starves other grain calls), and TorchSharp dispose scopes and grad mode are per
/// thread, so all of an activation's tensor work runs here, each piece synchronously.
/// </summary>
public sealed class TensorThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public TensorThread(string name)
    {
        _thread = new Thread(Drain) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        });
        return completion.Task;
    }

    public Task RunAsync(Action work) => RunAsync(() =>
    {
        work();
        return true;
    });

    public void Dispose() => _work.CompleteAdding();

    private void Drain()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
        _work.Dispose();
    }
}
