using Minimax.Contracts.Grains;
using Minimax.Grains.Runs;

namespace Minimax.Grains.Mixtures;

/// <summary>
/// A run's average held-out perplexity (the geometric mean over domains, <see cref="PerplexityRecord.Average"/>) at each evaluation, folded from its history in step order one record at a
/// time, in bounded memory: every evaluation while there are at most <see cref="MixtureResults.MaxPoints"/>, then
/// every 2nd, 4th, ... (the kept points are halved whenever they would exceed it), always with the last one. It also
/// finds the first evaluation at or below a target perplexity, among all evaluations, not only the kept ones.
/// </summary>
public sealed class PerplexityCurve(int domains, double target = double.NegativeInfinity) : IProgressFold
{
    private readonly List<PerplexityAtStep> _kept = [];
    private int _every = 1;
    private int _evaluations;
    private int _lastStep = int.MinValue;
    private PerplexityAtStep? _last;

    /// <summary>The kept points and the last evaluation, in step order.</summary>
    public IReadOnlyList<PerplexityAtStep> Points =>
        _last is { } last && (_kept.Count == 0 || _kept[^1] != last) ? [.. _kept, last] : [.. _kept];

    /// <summary>The first evaluation step whose average (geometric) perplexity is at most the target, or null.</summary>
    public int? StepAtOrBelowTarget { get; private set; }

    public void Add(ProgressRecord progress)
    {
        // Every step carries the latest evaluation: in step order, a new one is one with a later step.
        if (progress.Val is not { } val || val.Step <= _lastStep)
        {
            return;
        }
        _lastStep = val.Step;
        var point = new PerplexityAtStep(val.Step, MixtureResults.Perplexity(val, domains).Average);
        if (StepAtOrBelowTarget is null && point.Average <= target)
        {
            StepAtOrBelowTarget = point.Step;
        }
        if (_evaluations++ % _every == 0)
        {
            _kept.Add(point);
            if (_kept.Count > MixtureResults.MaxPoints)
            {
                var halved = _kept.Where((_, i) => i % 2 == 0).ToArray();
                _kept.Clear();
                _kept.AddRange(halved);
                _every *= 2;
            }
        }
        _last = point;
    }
}
