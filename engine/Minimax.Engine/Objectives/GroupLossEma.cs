namespace Minimax.Engine.Objectives;

/// <summary>
/// The reference LossComputer's exponential moving average of group losses (ALGORITHMS.md 1c step 3):
/// the first observation of a group sets it, afterwards E_g ← (1−γ)E_g + γL_g for present groups.
/// </summary>
public sealed class GroupLossEma
{
    private readonly double[] values;
    private readonly bool[] initialized;

    public GroupLossEma(int groups, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (gamma is <= 0 or > 1 || double.IsNaN(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The EMA rate gamma must lie in (0, 1].");
        }

        Gamma = gamma;
        values = new double[groups];
        initialized = new bool[groups];
    }

    public double Gamma { get; }

    public double[] Values => (double[])values.Clone();

    public bool[] Initialized => (bool[])initialized.Clone();

    public void Update(double[] groupLosses, long[] groupCounts)
    {
        ArgumentNullException.ThrowIfNull(groupLosses);
        ArgumentNullException.ThrowIfNull(groupCounts);
        for (var g = 0; g < values.Length; g++)
        {
            if (groupCounts[g] <= 0)
            {
                continue;
            }

            values[g] = initialized[g] ? (1 - Gamma) * values[g] + Gamma * groupLosses[g] : groupLosses[g];
            initialized[g] = true;
        }
    }

    /// <summary>[E (G), initialised (G, 1 or 0)], for a checkpoint.</summary>
    public double[] GetState() => [.. values, .. initialized.Select(seen => seen ? 1.0 : 0.0)];

    public void RestoreState(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var groups = values.Length;
        if (state.Length != 2 * groups || state[groups..].Any(flag => flag is not (0 or 1)))
        {
            throw new ArgumentException($"Expected {groups} averages then {groups} flags of 0 or 1, not {state.Length} values.", nameof(state));
        }

        state[..groups].CopyTo(values, 0);
        for (var g = 0; g < groups; g++)
        {
            initialized[g] = state[groups + g] == 1;
        }
    }
}
