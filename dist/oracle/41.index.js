export const id = 41;
export const ids = [41];
export const modules = {

/***/ 3041:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ssmParameterReader: () => (/* binding */ ssmParameterReader)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4736);
// The SSM side of ParameterReader. Loaded with `import()` on first use (see aws-clients.ts).

function ssmParameterReader(client = new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .SSMClient */ .jBj({})) {
    return {
        async read(selector) {
            const { Parameter } = await client.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .GetParameterCommand */ .lhy({ Name: selector, WithDecryption: true }));
            if (Parameter?.Value === undefined || Parameter.Version === undefined) {
                throw new Error(`SSM returned no value for ${selector}`);
            }
            return {
                value: Parameter.Value,
                version: Parameter.Version,
                lastModified: Parameter.LastModifiedDate ?? new Date(0),
            };
        },
    };
}


/***/ })

};
