using TorchSharp;

namespace Minimax.Engine.Training;

/// <summary>
/// How many threads one TorchSharp computation may use. A silo's workers share its cores, so each gets
/// its share: with W workers on C cores, max(1, C / W). More than that oversubscribes the cores (every
/// worker's OpenMP team spins for the same cores) and makes every step slower, not faster.
/// </summary>
public static class IntraOpThreads
{
    /// <summary>The default share of <paramref name="cores"/> for one of <paramref name="workers"/> workers.</summary>
    public static int Share(int cores, int workers) => Math.Max(1, Math.Max(1, cores) / Math.Max(1, workers));

    /// <summary>
    /// Sets the intra-op threads of the calling thread's TorchSharp work (libtorch's OpenMP setting is per
    /// calling thread), when it differs from what is set.
    /// </summary>
    public static void Use(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        if (torch.get_num_threads() != threads)
        {
            torch.set_num_threads(threads);
        }
    }
}
