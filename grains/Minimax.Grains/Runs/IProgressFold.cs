using Minimax.Contracts.Grains;

namespace Minimax.Grains.Runs;

/// <summary>A summary of a run's history that takes its records one at a time, oldest first (<see cref="RunHistory"/>).</summary>
public interface IProgressFold
{
    void Add(ProgressRecord progress);
}
