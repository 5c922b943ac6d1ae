using Microsoft.DurableTask;

namespace FunctionsSequence.Core.Hosting;

/// <summary>An activity that calls Core's implementation of it, made per call with the worker's services.</summary>
internal sealed class FuncActivity<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
{
    /// <inheritdoc />
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input);
}
