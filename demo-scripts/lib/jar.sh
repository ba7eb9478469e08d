# Sourced by the launch scripts: sets $repo, $jar (the client Pi's jar: the daemon, democtl,
# plate-check) and $tools_jar (the same plus the rehearsal and bring-up tools: the local
# cluster and Kafka launchers, booth-config, the benchmarks), building both when missing or
# older than any source, so every script runs what the tree says.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$repo/target/booth.jar"
tools_jar="$repo/target/booth-tools.jar"
if [ ! -f "$jar" ] || [ ! -f "$tools_jar" ] || [ -n "$(find "$repo/pom.xml" "$repo/model/src" "$repo/hal/src" \
        "$repo/display/src" "$repo/daemon/src" "$repo/screen/src" "$repo/demo-scripts/src" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "building $jar ..." >&2
    (cd "$repo" && mvn -B -q -DskipTests package) >&2 || {
        echo "the build failed; run 'mvn -DskipTests package' in $repo to see why" >&2
        exit 1
    }
fi
