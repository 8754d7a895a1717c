# `cpack -G DEB` in a build folder: a .deb of what `cmake --install` puts in
# place (bin/pipec, its man page, its bash, zsh and fish completions), under
# /usr. Included from the top-level CMakeLists.txt, after every install() rule.

set(CPACK_PACKAGE_NAME pipec)
set(CPACK_PACKAGE_VENDOR "pipec maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "pipec lints ECR image sources feeding CodePipeline, ECS deploys, and the EventBridge rules that start them, \
and compiles .pipe files into CodePipeline JSON, CloudFormation, input transformers and buildspecs.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(PIPEC_PACKAGE_MAINTAINER "pipec maintainers <maintainers@users.noreply.h-seed-f0016aea.example>"
    CACHE STRING "The Maintainer field of the .deb")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PIPEC_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Depends: the shared libraries pipec loads, worked out by dpkg-shlibdeps
# (dpkg-dev) where it is installed; otherwise Debian 12's packages of them.
find_program(PIPEC_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(PIPEC_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  if(PIPEC_STATIC)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34)")
  else()
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1 (>= 3.0), libfmt9, libyaml-cpp0.7, libtree-sitter0")
  endif()
endif()

include(CPack)
