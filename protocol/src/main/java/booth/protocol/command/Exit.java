package booth.protocol.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An exit status a command documents, beside its picocli {@code @Command}: a row of the table
 * and, when this command says more, when it happens. {@link Commands} turns them into the
 * "Exit status" list of {@code --help} and the man page; {@link ExitCode#OK} and
 * {@link ExitCode#USAGE}, which every command has, need no annotation unless to say more.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Exit.List.class)
public @interface Exit {
    ExitCode value();

    /** When this command exits so; empty: the table's meaning. */
    String when() default "";

    /** The container Java needs for a repeated {@code @Exit}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        Exit[] value();
    }
}
