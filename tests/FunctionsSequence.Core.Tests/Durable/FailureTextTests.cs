using FunctionsSequence.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsSequence.Core.Tests.Durable;

/// <summary>A run's failure reads as its code wrote it, whichever engine kept it.</summary>
public sealed class FailureTextTests
{
    [Theory]
    [InlineData("FunctionsSequence.Core.Delivery.DeliveryFailedException", "FunctionsSequence.Core.Delivery.DeliveryFailedException: Sequence s step 0 failed", "Sequence s step 0 failed")]
    [InlineData("FunctionsSequence.Core.Delivery.DeliveryFailedException", "Sequence s step 0 failed", "Sequence s step 0 failed")]
    [InlineData("", ": odd", ": odd")]
    [InlineData("(unknown)", "FunctionsSequence.Core.Delivery.DeliveryFailedException: Sequence s step 0 failed", "Sequence s step 0 failed")]
    [InlineData("System.Exception", "Exception: not a type with a namespace", "Exception: not a type with a namespace")]
    [InlineData("Microsoft.DurableTask.TaskFailedException", "Task 'DeliverReply' (#3) failed with an unhandled exception: POST http://r/ answered 503", "the reply failed: POST http://r/ answered 503")]
    [InlineData("(unknown)", "Microsoft.DurableTask.TaskFailedException: Task 'DeadLetter' (#1) failed with an unhandled exception: POST http://d/ answered 422", "the dead letter failed: POST http://d/ answered 422")]
    [InlineData("Microsoft.DurableTask.TaskFailedException", "Task 'Other' (#1) failed with an unhandled exception: why", "Other failed: why")]
    public void The_exception_type_the_Functions_host_puts_first_is_left_out(string type, string message, string expected)
    {
        Assert.Equal(expected, FailureText.Of(new TaskFailureDetails(type, message, null, null, null)));
    }

    [Fact]
    public void A_run_whose_backend_keeps_no_details_fails_with_its_output_without_the_type()
    {
        var failed = new OrchestrationMetadata("SequenceOrchestrator", "seq:s:1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            SerializedOutput = "FunctionsSequence.Core.Delivery.DeliveryFailedException: Sequence s step 0 failed",
        };

        Assert.Equal("Sequence s step 0 failed", FailureText.Of(failed));
        Assert.Null(FailureText.Of(new OrchestrationMetadata("SequenceOrchestrator", "seq:s:2") { RuntimeStatus = OrchestrationRuntimeStatus.Completed, SerializedOutput = "{}" }));
    }

    [Fact]
    public void A_reply_given_up_fails_the_run_in_the_replys_words()
    {
        const string why = "1 of 1 event(s) not delivered; 1 refused (event e-1: POST http://r/ answered 422)";

        Assert.Equal($"the reply failed: {why}", FailureText.Of(new TaskFailureDetails("Microsoft.DurableTask.TaskFailedException", $"Task 'DeliverReply' (#3) failed with an unhandled exception: {why}", null, null, null)));
    }

    [Fact]
    public void No_details_no_text()
    {
        Assert.Null(FailureText.Of((TaskFailureDetails?)null));
    }
}
